import { AwsAdapterError, awsErrorName, isConditionFailed } from '../aws-adapter-error';
import { awsFailureKind } from '../aws-failure';

/**
 * Runs a DynamoDB call, turning an SDK failure into an {@link AwsAdapterError} that names the
 * operation and the AWS error (never the item). Domain errors, and a failed condition (an expected
 * outcome the caller decides on), pass through untouched.
 */
export async function storageCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AwsAdapterError || isConditionFailed(error) || !(error instanceof Error) || !('$metadata' in error)) throw error;
    const name = awsErrorName(error) ?? 'Error';
    const kind = awsFailureKind(error);
    const code = kind === 'ACCESS_DENIED' || kind === 'THROTTLED' ? kind : 'STORAGE_FAILED';
    throw new AwsAdapterError(code, `DynamoDB ${operation} failed: ${name}`, { cause: error });
  }
}
