/**
 * How much outside text (RPC errors, configuration warnings) the IBC tables keep, in UTF-16 code units.
 * Longer texts are cut with `truncate` (@herald/discord/text), so a stored text that was cut ends in `…`.
 */

/** `last_error` of `ibc_chains`, `ibc_clients` and `ibc_wallets`. */
export const MaxStoredErrorLength = 1000;

/** `ibc_config_warnings.message`. */
export const MaxConfigWarningLength = 2000;
