/**
 * Authenticated encryption under the deployment's undo key, which stays behind the port: the domain
 * never holds it. What is sealed can be opened only with the same key and the same context.
 */
export interface CipherPort {
  /**
   * Encrypts and authenticates `plaintext`. The `context` is bound to the result without being stored
   * in it: opening needs it again, so that a sealed text moved to another record does not open.
   */
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws when the text was not sealed under this key and context (altered, moved, or another key). */
  open(sealed: string, context: string): string;
}
