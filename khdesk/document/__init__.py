"""The official document (Nghị định 30/2020/NĐ-CP) as data: the plan, its appendix and the month report are
built here once from the domain's plan and tasks — header block, number and date, parts, appendix title and
rows grouped by lead agency, signature, page set-up — and then rendered by ``khdesk.formats`` (PDF, Word,
Excel). Also the month-to-month view as tables (``comparison``), the words of a document (``wording``), the check before a plan is issued (``plan_check``) and
the characters the bundled fonts can print (``charset``). No Qt, no SQL, no writer or reader of a format."""
