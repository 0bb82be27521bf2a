-- Demo profile only (docker compose --profile servatrice-demo): runs after Servatrice's own
-- schema (10-servatrice.sql) when the MariaDB volume is first initialised.
--
-- The least-privilege user Herald reads with, with exactly the grant the seed monitor's README
-- recommends: five columns of the users table and nothing else (no password hashes, no tokens).
-- The password is a demo value; infra/servatrice-demo.ini uses the same one. A real Servatrice
-- server gets its own strong password (see infra/monitor.ini.example).
CREATE USER IF NOT EXISTS 'account_monitor'@'%' IDENTIFIED BY 'demo-monitor-password';
GRANT SELECT (id, name, realname, email, registrationDate) ON servatrice.cockatrice_users TO 'account_monitor'@'%';
