/**
 * The part of the custom functions runtime this add-in uses (types only). @types/custom-functions-runtime
 * is not a dependency; the metadata generator needs the parameter type spelled
 * `CustomFunctions.Invocation` literally, so the namespace keeps that name. The runtime values
 * (`associate`, `Error`) are reached through `globalThis`, because outside Excel they do not exist.
 */
declare namespace CustomFunctions {
  interface Invocation {
    /** Address of the calling cell, with @requiresAddress. */
    address?: string;
    /** One address per argument ("Sheet1!A7:T7"; empty for values), with @requiresParameterAddresses. */
    parameterAddresses?: (string | null | undefined)[];
    functionName?: string;
  }

  type ErrorCodeValue = '#N/A' | '#VALUE!' | '#DIV/0!' | '#NUM!' | '#NULL!' | '#REF!' | '#NAME?' | '#BUSY!' | '#CALC!';

  interface Runtime {
    associate(id: string, fn: (...args: never[]) => unknown): void;
    Error: new (code: ErrorCodeValue, message?: string) => unknown;
  }
}
