/** An error answer in DynamoDB's JSON 1.0 shape. */
export interface AwsErrorAnswer {
  statusCode: number;
  body: { __type: string; message?: string; Message?: string };
}

/** Same `__type` and message format as DynamoDB's (and dynalite's) field validation errors. */
export function validationError(message: string): AwsErrorAnswer {
  return { statusCode: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } };
}

/** `Value null at 'a.b' failed to satisfy constraint: Member must not be null`, one error. */
export function nullFieldError(fieldPath: string): AwsErrorAnswer {
  return validationError(
    `1 validation error detected: Value null at '${fieldPath}' failed to satisfy constraint: Member must not be null`,
  );
}

/** A value of the wrong JSON type; dynalite and DynamoDB answer these before any validation, capital-M `Message`. */
export function serializationError(message: string): AwsErrorAnswer {
  return { statusCode: 400, body: { __type: 'com.amazon.coral.service#SerializationException', Message: message } };
}
