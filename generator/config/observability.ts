import { z } from 'zod';

/** CloudWatch Logs retention values accepted by `AWS::Logs::LogGroup`. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const observabilitySchema = z
  .object({
    accessLogs: z
      .object({
        /** Write stage access logs (JSON, one line per connect/message/disconnect). @default true */
        enabled: z.boolean().default(true),
        /** Log retention in days. @default 30 */
        retentionDays: z
          .number()
          .int()
          .refine((d) => (RETENTION_DAYS as readonly number[]).includes(d), {
            message: `must be one of ${RETENTION_DAYS.join(', ')}`,
          })
          .default(30),
        /**
         * Also create the account-level API Gateway CloudWatch role (`AWS::ApiGateway::Account`), which
         * API Gateway needs once per account and region before it can write logs. Turn off when the
         * account already has one. @default true
         */
        accountRole: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** X-Ray tracing for functions and state machines. @default true */
    tracing: z.boolean().default(true),
  })
  .strict();

export type ObservabilityConfig = z.output<typeof observabilitySchema>;
