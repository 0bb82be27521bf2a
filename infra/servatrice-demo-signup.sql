-- Demo profile only: signs up one made-up player the way Servatrice's registration does (a new
-- row in cockatrice_users), so the poller has something to announce. Each run adds a new account:
--   docker compose exec -T mariadb sh -c 'mariadb -uroot -p"$MARIADB_ROOT_PASSWORD" servatrice' \
--     < infra/servatrice-demo-signup.sql
SET @player = CONCAT('player_', LPAD(FLOOR(RAND() * 1000000000), 9, '0'));
INSERT INTO cockatrice_users
  (admin, name, realname, password_sha512, email, country, avatar_bmp, registrationDate, active,
   clientid, adminnotes, privlevel, privlevelStartDate, privlevelEndDate)
VALUES
  (0, @player, 'Demo Player', '', CONCAT(@player, '@example.com'), '', '', NOW(), 1,
   '', '', 'NONE', NOW(), NOW());
