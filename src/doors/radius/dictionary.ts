// The RADIUS numbers this door speaks (RFC 2865 §3–§5, RFC 3579 §3.2, RFC 5997): packet codes and
// attribute types. RADIUS names live only in this door (spec: other-frontends.md §1).

export const CODE = {
  ACCESS_REQUEST: 1,
  ACCESS_ACCEPT: 2,
  ACCESS_REJECT: 3,
  ACCOUNTING_REQUEST: 4,
  ACCESS_CHALLENGE: 11,
  STATUS_SERVER: 12,
} as const;

export const ATTR = {
  USER_NAME: 1,
  USER_PASSWORD: 2,
  CHAP_PASSWORD: 3,
  REPLY_MESSAGE: 18,
  STATE: 24,
  PROXY_STATE: 33,
  EAP_MESSAGE: 79,
  MESSAGE_AUTHENTICATOR: 80,
} as const;

/** RFC 2865 §3: a packet is 20 to 4096 octets; an attribute 2 to 255 (header included). */
export const HEADER_LENGTH = 20;
export const MAX_PACKET_LENGTH = 4096;
export const MAX_ATTRIBUTE_VALUE = 253;
export const AUTHENTICATOR_LENGTH = 16;
/** RFC 2865 §5.2: the hidden User-Password is 16 to 128 octets, a multiple of 16. */
export const MAX_PASSWORD_LENGTH = 128;
