/** Tags the suite's output lines in the extension host's console, for the offline launcher to relay. */
export const TEST_OUTPUT_MARKER = '[sconnector-test] ';
