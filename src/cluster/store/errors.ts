/** The store file exists but cannot be used. Carries a one-paragraph message naming the file and the fix. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
