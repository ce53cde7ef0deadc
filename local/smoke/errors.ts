/** Why a smoke test could not pass: a missing output, or a leg that did not arrive in time. */
export class SmokeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
