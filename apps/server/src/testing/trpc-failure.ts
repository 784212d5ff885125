import { TRPCClientError, type AppRouter } from "@codelab/sdk";

export interface TrpcFailure {
  message: string;
  code: string | undefined;
  httpStatus: number | undefined;
  appCode: string | undefined;
  details: Record<string, unknown> | undefined;
}

/** Awaits a call that must fail over tRPC and returns what the client learned; a success fails the test. */
export async function trpcFailureOf(call: Promise<unknown>): Promise<TrpcFailure> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const { data, message } = error as TRPCClientError<AppRouter>;
    return { message, code: data?.code, httpStatus: data?.httpStatus, appCode: data?.appCode, details: data?.details };
  }
  throw new Error("the call was expected to fail but succeeded");
}
