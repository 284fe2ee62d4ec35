#!/usr/bin/env node
// The `vigil` executable: nothing but the call into the CLI.
import { start } from './cli/main';

start();
