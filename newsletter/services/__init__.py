"""The newsletter's writes, one module per flow: ``issues`` (plan, write, publish),
``subscribers`` (double opt-in, unsubscribe, import), ``sending`` (the send log and the
worker's task), ``reminders`` (contributors reminded before and after a deadline).
Import from the modules themselves: ``issues`` starts the sending task."""
