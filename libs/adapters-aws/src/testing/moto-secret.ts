import { CreateSecretCommand, GetRandomPasswordCommand } from '@aws-sdk/client-secrets-manager';
import { AwsClientOptions, createSecretsManagerClient } from '../clients';

/** The properties of an `AWS::SecretsManager::Secret` this helper creates. */
export const SECRET_PROPERTIES = ['Name', 'Description', 'GenerateSecretString'];

/**
 * What `GenerateSecretString` may hold: GetRandomPassword's own parameters, which CloudFormation
 * passes on. (`SecretStringTemplate` and `GenerateStringKey`, a JSON secret, are not supported.)
 */
export const GENERATE_SECRET_STRING_PROPERTIES = [
  'PasswordLength',
  'ExcludeCharacters',
  'ExcludeLowercase',
  'ExcludeNumbers',
  'ExcludePunctuation',
  'ExcludeUppercase',
  'IncludeSpace',
  'RequireEachIncludedType',
];

/**
 * Creates a secret as CloudFormation creates one with `GenerateSecretString`: a random string drawn
 * by Secrets Manager (GetRandomPassword, with the template's parameters) stored as the secret's
 * value, which no one has seen. Named as the template names it, else `name`. Returns its ARN twice:
 * `Ref` and `Fn::GetAtt [id, Arn]` both give it.
 */
export async function createSecret(
  options: AwsClientOptions,
  name: string,
  properties: Readonly<Record<string, unknown>>,
): Promise<[string, string]> {
  const { Name, Description, GenerateSecretString } = properties as {
    Name?: string;
    Description?: string;
    GenerateSecretString?: Record<string, unknown>;
  };
  if (!GenerateSecretString) throw new Error(`${name}: only secrets with GenerateSecretString are supported`);
  const client = createSecretsManagerClient(options);
  try {
    const { RandomPassword } = await client.send(new GetRandomPasswordCommand(GenerateSecretString));
    const created = await client.send(new CreateSecretCommand({ Name: Name ?? name, Description, SecretString: RandomPassword }));
    return [created.ARN as string, created.ARN as string];
  } finally {
    client.destroy();
  }
}
