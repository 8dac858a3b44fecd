"""The domain: what a plan, a task, an agency and a month are, and the rules about them — the models and
their labels (``models``), the follow-up of a task and how a plan is counted to a day (``progress``), the
reporting periods by the province's rule (``periods``), working days and Vietnam's holidays (``working_days``),
carry-over on evidence and a task's carry history (``carrying``), a month beside the one before
(``month_compare``), agency names and how a typed name is
matched (``agency_names``), tasks found in running text (``text_tasks``), TCVN3/VNI text (``legacy_text``),
typed dates and dates in words (``typed_dates``), month arithmetic and a plan's text carried into the next
month (``months``), NFC text (``text``), the bounds on what is read (``limits``) and what a signature or seal image
must be (``images``).
No Qt, no SQL, no file format, no I/O beyond the data files of ``resources/``; type-checked by mypy."""
