"""What the command line and the window both do, each a plain function taking the store: print (the plan,
its appendix, the month report), export and import (Excel, Word), result sheets of the follow-up, a new month,
the sample database. The window calls these from its commands; ``khdesk.cli`` calls them from a sub-command.
No Qt here, and no SQL: the store (``khdesk.db``) is the only way to the data."""
