// The part of strong-soap (which ships no types) that the end-to-end clients use.
declare module 'strong-soap' {
  interface StrongSoapClient { describe(): Record<string, unknown>; [operation: string]: unknown }
  export const soap: {
    createClient(url: string, options: object, callback: (err: Error | null, client: StrongSoapClient) => void): void;
  };
}
