import { ValidationError } from '../shared/validation-error';
import { ServiceFailure } from '../shared/service-error-code';
import { ContactApiError } from './contact-api-error';
import { contactApiErrorOf } from './contact-api-error-of';

describe('contactApiErrorOf', () => {
  const seen: unknown[] = [];
  const translate = (error: unknown): ServiceFailure => {
    seen.push(error);
    return { code: 'THROTTLED', requestId: 'req-7' };
  };
  afterEach(() => seen.splice(0));

  it("takes the adapter's translation of its service's error, keeping the request id and the cause", () => {
    const serviceError = new Error('slow down');
    const error = contactApiErrorOf(serviceError, 'PutAlternateContact', translate);
    expect(error).toBeInstanceOf(ContactApiError);
    expect(error).toMatchObject({ code: 'THROTTLED', operation: 'PutAlternateContact', requestId: 'req-7', cause: serviceError });
    expect(seen).toEqual([serviceError]);
  });

  it('passes a ContactApiError as it is, and reports a returned value that breaks the rules as INVALID, untranslated', () => {
    const already = new ContactApiError('CONFLICT', 'DeleteAlternateContact');
    expect(contactApiErrorOf(already, 'GetAlternateContact', translate)).toBe(already);
    const broken = new ValidationError('AlternateContact', [{ field: 'EmailAddress', rule: 'must be an email address' }]);
    expect(contactApiErrorOf(broken, 'GetAlternateContact', translate)).toMatchObject({
      code: 'INVALID',
      requestId: undefined,
      cause: broken,
    });
    expect(seen).toEqual([]);
  });
});
