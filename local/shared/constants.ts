/** Values the local stack makes up where AWS would have real ones; each in one place. */

/** The account in every local ARN unless the caller names one (AWS's documentation example account). */
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** An AWS account id: 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** The region of a local stack unless the caller names one. */
export const DEFAULT_REGION = 'us-east-1';
/** The stack name of a local stack unless the caller names one; it seeds every local physical id. */
export const DEFAULT_STACK_NAME = 'local';
