"""Search alerts: "email me when new claims match this search", with no account.

TheyWorkForYou's double opt-in: the form (linked from every search's results) saves a pending
alert for an address and a search, and mails a signed, expiring confirmation link; opening it
activates the alert. `manage.py send_alerts` (cron) then mails each active alert the claims
that became public since its last message, through the one search of the site, in the
language the alert was made in; every message has a signed one-click unsubscribe link.

- tokens.py: the signed links (confirm: expiring; unsubscribe: not);
- subscriptions.py: subscribe, confirm, unsubscribe, resubscribe, deactivate (services);
- sending.py: which claims are new for an alert, and sending them once (send_alerts);
- mail.py: the messages (plain text and HTML, English or Urdu);
- views.py: the pages (thin).
"""
