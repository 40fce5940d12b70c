export interface Cluster {
  /** The superuser's URL to the `postgres` database, password included. */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}
export function findPostgresBin(): string | undefined;
export function whyNoCluster(): string | undefined;
export function startCluster(options?: { log?: (line: string) => void }): Promise<Cluster>;
