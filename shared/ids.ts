/** The shape of every id the server issues; anything else is unknown without a database look-up. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
