// `npm test`: type-checks and compiles, builds the bundles, then runs every mocha suite.
