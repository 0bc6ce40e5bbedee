#!/usr/bin/env node
'use strict';
// The published entry point: the bundled CLI (`npm ci` builds it through `prepare`).
require('../dist/cli.js');
