import { AwsAdapterError } from '../aws-adapter-error';
import { isConditionFailed, isSdkCallError, translateAwsError } from '../aws-error-translation';

/**
 * Runs a DynamoDB call, turning an SDK failure into an {@link AwsAdapterError} that names the
 * operation and the AWS error (never the item). Domain errors, and a failed condition (an expected
 * outcome the caller decides on), pass through untouched.
 */
export async function storageCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isSdkCallError(error) || isConditionFailed(error)) throw error;
    const { code: failure, name } = translateAwsError(error);
    const code = failure === 'ACCESS_DENIED' || failure === 'THROTTLED' ? failure : 'STORAGE_FAILED';
    throw new AwsAdapterError(code, `DynamoDB ${operation} failed: ${name}`, { cause: error });
  }
}
