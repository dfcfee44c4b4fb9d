import {
  AccessDeniedException as AccountAccessDenied,
  ConflictException,
  InternalServerException,
  ResourceNotFoundException as ContactNotSet,
  TooManyRequestsException as AccountThrottled,
  ValidationException,
} from '@aws-sdk/client-account';
import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException as TableNotFound,
} from '@aws-sdk/client-dynamodb';
import {
  AccountNotFoundException,
  AWSOrganizationsNotInUseException,
  InvalidInputException,
  ServiceException as OrganizationsServiceFault,
  TooManyRequestsException as OrganizationsThrottled,
} from '@aws-sdk/client-organizations';
import {
  InternalServiceError,
  InvalidRequestException,
  ResourceNotFoundException as SecretNotFound,
} from '@aws-sdk/client-secrets-manager';
import { AuthorizationErrorException, InternalErrorException, InvalidParameterException, ThrottledException } from '@aws-sdk/client-sns';
import { KmsAccessDenied, QueueDoesNotExist, RequestThrottled, SQSServiceException } from '@aws-sdk/client-sqs';
import { ValidationError } from '@contact-sync/domain';
import { isConditionFailed, isOrganizationsNotInUse, isSdkCallError, TranslatedAwsError, translateAwsError } from './aws-error-translation';

const $metadata = { httpStatusCode: 400, requestId: 'r-1' };
const sdk = <T>(make: new (options: { message: string; $metadata: typeof $metadata }) => T): T => new make({ message: 'm', $metadata });

describe('translateAwsError: the AWS error vocabulary in the domain codes', () => {
  it.each<[string, unknown, TranslatedAwsError]>([
    // By name, each service's own exception classes.
    ['Account TooManyRequestsException', sdk(AccountThrottled), { code: 'THROTTLED', name: 'TooManyRequestsException', requestId: 'r-1' }],
    [
      'Organizations TooManyRequestsException',
      sdk(OrganizationsThrottled),
      { code: 'THROTTLED', name: 'TooManyRequestsException', requestId: 'r-1' },
    ],
    [
      'DynamoDB ProvisionedThroughputExceededException',
      sdk(ProvisionedThroughputExceededException),
      { code: 'THROTTLED', name: 'ProvisionedThroughputExceededException', requestId: 'r-1' },
    ],
    ['DynamoDB RequestLimitExceeded', sdk(RequestLimitExceeded), { code: 'THROTTLED', name: 'RequestLimitExceeded', requestId: 'r-1' }],
    ['SQS RequestThrottled', sdk(RequestThrottled), { code: 'THROTTLED', name: 'RequestThrottled', requestId: 'r-1' }],
    ['SNS ThrottledException', sdk(ThrottledException), { code: 'THROTTLED', name: 'ThrottledException', requestId: 'r-1' }],
    [
      'Account InternalServerException',
      sdk(InternalServerException),
      { code: 'TRANSIENT', name: 'InternalServerException', requestId: 'r-1' },
    ],
    ['Organizations ServiceException', sdk(OrganizationsServiceFault), { code: 'TRANSIENT', name: 'ServiceException', requestId: 'r-1' }],
    ['DynamoDB InternalServerError', sdk(InternalServerError), { code: 'TRANSIENT', name: 'InternalServerError', requestId: 'r-1' }],
    [
      'Secrets Manager InternalServiceError',
      sdk(InternalServiceError),
      { code: 'TRANSIENT', name: 'InternalServiceError', requestId: 'r-1' },
    ],
    ['SNS InternalErrorException', sdk(InternalErrorException), { code: 'TRANSIENT', name: 'InternalErrorException', requestId: 'r-1' }],
    ['Account AccessDeniedException', sdk(AccountAccessDenied), { code: 'ACCESS_DENIED', name: 'AccessDeniedException', requestId: 'r-1' }],
    ['SQS KmsAccessDenied', sdk(KmsAccessDenied), { code: 'ACCESS_DENIED', name: 'KmsAccessDenied', requestId: 'r-1' }],
    [
      'SNS AuthorizationErrorException',
      sdk(AuthorizationErrorException),
      { code: 'ACCESS_DENIED', name: 'AuthorizationErrorException', requestId: 'r-1' },
    ],
    [
      'DynamoDB AccessDeniedException',
      new DynamoDBServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata, message: 'denied' }),
      { code: 'ACCESS_DENIED', name: 'AccessDeniedException', requestId: 'r-1' },
    ],
    ['Account ValidationException', sdk(ValidationException), { code: 'INVALID', name: 'ValidationException', requestId: 'r-1' }],
    [
      'Organizations InvalidInputException',
      sdk(InvalidInputException),
      { code: 'INVALID', name: 'InvalidInputException', requestId: 'r-1' },
    ],
    [
      'SNS InvalidParameterException',
      sdk(InvalidParameterException),
      { code: 'INVALID', name: 'InvalidParameterException', requestId: 'r-1' },
    ],
    [
      'Secrets Manager InvalidRequestException',
      sdk(InvalidRequestException),
      { code: 'INVALID', name: 'InvalidRequestException', requestId: 'r-1' },
    ],
    ['Account ResourceNotFoundException', sdk(ContactNotSet), { code: 'NOT_FOUND', name: 'ResourceNotFoundException', requestId: 'r-1' }],
    ['DynamoDB ResourceNotFoundException', sdk(TableNotFound), { code: 'NOT_FOUND', name: 'ResourceNotFoundException', requestId: 'r-1' }],
    [
      'Secrets Manager ResourceNotFoundException',
      sdk(SecretNotFound),
      { code: 'NOT_FOUND', name: 'ResourceNotFoundException', requestId: 'r-1' },
    ],
    [
      'Organizations AccountNotFoundException',
      sdk(AccountNotFoundException),
      { code: 'NOT_FOUND', name: 'AccountNotFoundException', requestId: 'r-1' },
    ],
    ['SQS QueueDoesNotExist', sdk(QueueDoesNotExist), { code: 'NOT_FOUND', name: 'QueueDoesNotExist', requestId: 'r-1' }],
    [
      "SQS's query-protocol NonExistentQueue",
      new SQSServiceException({ name: 'AWS.SimpleQueueService.NonExistentQueue', $fault: 'client', $metadata, message: 'gone' }),
      { code: 'NOT_FOUND', name: 'AWS.SimpleQueueService.NonExistentQueue', requestId: 'r-1' },
    ],
    ['Account ConflictException', sdk(ConflictException), { code: 'CONFLICT', name: 'ConflictException', requestId: 'r-1' }],
    // A Node network error, by its code.
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { code: 'TRANSIENT', name: 'ECONNRESET' }],
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), { code: 'TRANSIENT', name: 'ECONNREFUSED' }],
    // An unknown name, by what the SDK says of it.
    [
      'an unnamed error the SDK marks as throttling',
      Object.assign(new Error('?'), { name: 'SomethingNew', $retryable: { throttling: true } }),
      { code: 'THROTTLED', name: 'SomethingNew' },
    ],
    [
      'an unnamed HTTP 429',
      Object.assign(new Error('?'), { name: 'SomethingNew', $metadata: { httpStatusCode: 429, requestId: 'r-2' } }),
      { code: 'THROTTLED', name: 'SomethingNew', requestId: 'r-2' },
    ],
    [
      'an unnamed HTTP 403',
      new SQSServiceException({ name: 'SomethingNew', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: '?' }),
      { code: 'ACCESS_DENIED', name: 'SomethingNew' },
    ],
    [
      'an unnamed server fault',
      new SQSServiceException({ name: 'SomethingNew', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: '?' }),
      { code: 'TRANSIENT', name: 'SomethingNew' },
    ],
    // Nothing to go by.
    [
      'an unnamed HTTP 404',
      Object.assign(new Error('?'), { name: 'UnknownError', $metadata: { httpStatusCode: 404 } }),
      { code: 'UNKNOWN', name: 'UnknownError' },
    ],
    [
      'DynamoDB ConditionalCheckFailedException',
      sdk(ConditionalCheckFailedException),
      { code: 'UNKNOWN', name: 'ConditionalCheckFailedException', requestId: 'r-1' },
    ],
    [
      "the domain's ValidationError",
      new ValidationError('AlternateContact', [{ field: 'EmailAddress', rule: 'an e-mail address' }]),
      { code: 'UNKNOWN', name: 'ValidationError' },
    ],
    ['a plain Error', new Error('unexpected'), { code: 'UNKNOWN', name: 'Error' }],
    ['something thrown that is not an error', 'a string', { code: 'UNKNOWN', name: 'Error' }],
  ])('%s', (_, error, translated) => {
    expect(translateAwsError(error)).toEqual(translated);
  });
});

describe('the names a caller decides on', () => {
  it('tells a failed DynamoDB condition, an account outside an organization and an SDK call error', () => {
    expect([sdk(ConditionalCheckFailedException), sdk(InternalServerError)].map(isConditionFailed)).toEqual([true, false]);
    expect([sdk(AWSOrganizationsNotInUseException), sdk(AccountNotFoundException)].map(isOrganizationsNotInUse)).toEqual([true, false]);
    expect([sdk(InternalServerError), new Error('mine'), 'text'].map(isSdkCallError)).toEqual([true, false, false]);
  });
});
