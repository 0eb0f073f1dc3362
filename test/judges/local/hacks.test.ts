/** The reward-hacking catalogue against the local (bubblewrap) sandbox, with no skips. */
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { runHackCatalogue } from "../hacks/catalogue.ts";

runHackCatalogue("local", () => createLocalSandbox({ cacheDir: sharedTestCacheDir() }));
