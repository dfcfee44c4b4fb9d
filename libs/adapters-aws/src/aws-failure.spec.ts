import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { InternalServiceError, ResourceNotFoundException as SecretNotFound } from '@aws-sdk/client-secrets-manager';
import { AuthorizationErrorException, InternalErrorException, ThrottledException } from '@aws-sdk/client-sns';
import { KmsAccessDenied, QueueDoesNotExist, RequestThrottled, SQSServiceException } from '@aws-sdk/client-sqs';
import { AwsFailureKind, awsFailureKind, isRetryableAwsFailure } from './aws-failure';

const $metadata = { httpStatusCode: 400, requestId: 'r-1' };

describe('awsFailureKind', () => {
  it.each<[string, unknown, AwsFailureKind, boolean]>([
    [
      'DynamoDB ProvisionedThroughputExceededException',
      new ProvisionedThroughputExceededException({ message: 'slow down', $metadata }),
      'THROTTLED',
      true,
    ],
    ['SQS RequestThrottled', new RequestThrottled({ message: 'slow down', $metadata }), 'THROTTLED', true],
    ['SNS ThrottledException', new ThrottledException({ message: 'slow down', $metadata }), 'THROTTLED', true],
    [
      'an unnamed error the SDK marks as throttling',
      Object.assign(new Error('?'), { name: 'SomethingNew', $retryable: { throttling: true } }),
      'THROTTLED',
      true,
    ],
    ['an unnamed HTTP 429', Object.assign(new Error('?'), { name: 'SomethingNew', $metadata: { httpStatusCode: 429 } }), 'THROTTLED', true],
    ['DynamoDB InternalServerError', new InternalServerError({ message: 'oops', $metadata }), 'TRANSIENT', true],
    ['Secrets Manager InternalServiceError', new InternalServiceError({ message: 'oops', $metadata }), 'TRANSIENT', true],
    ['SNS InternalErrorException', new InternalErrorException({ message: 'oops', $metadata }), 'TRANSIENT', true],
    [
      'an unnamed server fault',
      new SQSServiceException({ name: 'SomethingNew', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: '?' }),
      'TRANSIENT',
      true,
    ],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'TRANSIENT', true],
    [
      'DynamoDB AccessDeniedException',
      new DynamoDBServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata, message: 'denied' }),
      'ACCESS_DENIED',
      false,
    ],
    ['SQS KmsAccessDenied', new KmsAccessDenied({ message: 'denied', $metadata }), 'ACCESS_DENIED', false],
    ['SNS AuthorizationErrorException', new AuthorizationErrorException({ message: 'denied', $metadata }), 'ACCESS_DENIED', false],
    [
      'an unnamed HTTP 403',
      new SQSServiceException({ name: 'SomethingNew', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: '?' }),
      'ACCESS_DENIED',
      false,
    ],
    ['SQS QueueDoesNotExist', new QueueDoesNotExist({ message: 'gone', $metadata }), 'REFUSED', false],
    ['DynamoDB ResourceNotFoundException', new ResourceNotFoundException({ message: 'gone', $metadata }), 'REFUSED', false],
    ['Secrets Manager ResourceNotFoundException', new SecretNotFound({ message: 'gone', $metadata }), 'REFUSED', false],
    ['a plain Error', new Error('unexpected'), 'REFUSED', false],
    ['something thrown that is not an error', 'a string', 'REFUSED', false],
  ])('%s is %s', (_, error, kind, retryable) => {
    expect(awsFailureKind(error)).toBe(kind);
    expect(isRetryableAwsFailure(error)).toBe(retryable);
  });
});
