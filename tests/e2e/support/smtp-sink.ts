// The benchmarks import the sink from here. The tests import it from
// tests/support, the one module of all suites.
export { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
