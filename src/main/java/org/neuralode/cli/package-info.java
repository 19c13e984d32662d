/**
 * The command line: parses arguments with picocli and delegates to the Java API. The only package that
 * knows about argument syntax and exit codes (0 success, 1 internal error, 2 bad input or configuration,
 * 3 training diverged, 130/143 interrupted by SIGINT/SIGTERM).
 */
package org.neuralode.cli;
