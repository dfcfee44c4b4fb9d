import { DescribeAccountCommand } from '@aws-sdk/client-organizations';
import { AwsClientOptions, createOrganizationsClient } from '@contact-sync/adapters-aws';
import { once } from 'node:events';
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A call moto refused because the caller's role does not allow it. */
export interface Refusal {
  /** The function whose role was refused, or the access key when it is not a function's. */
  readonly functionName: string;
  /** `service:Action`, as IAM names it, e.g. `organizations:DescribeOrganization`. */
  readonly action: string;
}

/**
 * What the deployed functions reach instead of moto: a pass-through that sends each request to moto
 * unchanged (the signature still holds: host, path and body are the same) and each answer back
 * unchanged, with two additions.
 *
 * - It records every answer that refuses an action to a role (moto's AccessDenied, "… is not
 *   authorized to perform: <action>") with the function whose credentials signed it. A function that
 *   meets a refusal may handle it (an item is retried, an event goes to its failure queue) and the
 *   run still look sound from outside: the record is how a test sees every refusal.
 * - It refuses what AWS refuses and moto does not: Account Management answers AccessDeniedException
 *   for a member that is not an ACTIVE member of the organization (suspended, or gone), which moto
 *   writes as if it were. The member's state is moto's own (Organizations DescribeAccount).
 */
export class AwsFront {
  readonly refusals: Refusal[] = [];
  private readonly functionOf = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  /** Starts in front of moto's `target` endpoint; `administrator` reads the members' state. */
  static async start(target: string, administrator: AwsClientOptions): Promise<AwsFront> {
    const upstream = new URL(target);
    const organizations = createOrganizationsClient(administrator);
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const front = new AwsFront(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        void refusedMember(incoming, body).then((refused) => {
          if (refused) return answerAccessDenied(outgoing, refused);
          const forwarded = request(
            { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
            (answer) => {
              const parts: Buffer[] = [];
              answer.on('data', (chunk: Buffer) => parts.push(chunk));
              answer.on('end', () => {
                const answered = Buffer.concat(parts);
                if (answer.statusCode === 403) front.record(String(incoming.headers['authorization'] ?? ''), answered.toString());
                outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                outgoing.end(answered);
              });
            },
          );
          forwarded.on('error', (error) => {
            outgoing.writeHead(502);
            outgoing.end(String(error));
          });
          forwarded.end(body);
        });
      });
    });
    server.on('close', () => organizations.destroy());
    return front;

    /** The member an Account Management call targets, when AWS would refuse it: not an ACTIVE member. */
    async function refusedMember(incoming: IncomingMessage, body: Buffer): Promise<string | undefined> {
      if (!/ Credential=[^/]+\/[^/]+\/[^/]+\/account\//.test(String(incoming.headers['authorization'] ?? ''))) return undefined;
      const accountId = (JSON.parse(body.toString() || '{}') as { AccountId?: string }).AccountId;
      if (!accountId) return undefined;
      const state = await organizations.send(new DescribeAccountCommand({ AccountId: accountId })).then(
        ({ Account }) => Account?.State,
        () => 'NOT_A_MEMBER',
      );
      return state === 'ACTIVE' ? undefined : accountId;
    }
  }

  /** Names the function whose requests are signed with `accessKeyId`. */
  identify(accessKeyId: string, functionName: string): void {
    this.functionOf.set(accessKeyId, functionName);
  }

  /** Each refusal to a role once, as `function: action`, sorted: what a test expects to be empty. */
  summary(): string[] {
    return [...new Set(this.refusals.map((r) => `${r.functionName}: ${r.action}`))].sort();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private record(authorization: string, body: string): void {
    const refused = /not authorized to perform:? ([\w-]+:\w+)/.exec(body)?.[1];
    if (!refused) return;
    // moto names an SQS batch call's action after the call; IAM authorizes it by the single action.
    const action = refused.replace(/^sqs:(SendMessage|DeleteMessage|ChangeMessageVisibility)Batch$/, 'sqs:$1');
    const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization)?.[1] ?? 'unsigned';
    this.refusals.push({ functionName: this.functionOf.get(accessKeyId) ?? accessKeyId, action });
  }
}

/** Account Management's refusal, as its REST-JSON protocol carries it. */
function answerAccessDenied(outgoing: ServerResponse, accountId: string): void {
  const body = JSON.stringify({ message: `Account ${accountId} is not an active member of the organization` });
  outgoing.writeHead(403, {
    'content-type': 'application/json',
    'x-amzn-errortype': 'AccessDeniedException',
    'content-length': Buffer.byteLength(body),
  });
  outgoing.end(body);
}
