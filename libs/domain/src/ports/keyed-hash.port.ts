/**
 * A keyed hash under the deployment's secret key, which stays behind the port: the domain never holds
 * it. Without the key, a digest cannot be recomputed from a guessed value.
 */
export interface KeyedHashPort {
  /** HMAC-SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits. */
  hmacSha256Hex(text: string): string;
}
