/** Task errors carry their ASL error name in `name` and the cause in `message`: that is what Retry/Catch match. */
export class TaskError extends Error {
  /** Read by aws-local-stepfunctions: a bad-Parameters error is not something a retry can fix. */
  readonly isRetryable: boolean;
  constructor(errorName: string, cause: string, retryable = true) {
    super(cause);
    this.name = errorName;
    this.isRetryable = retryable;
  }
}
