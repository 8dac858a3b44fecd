"""Word (.docx; .doc through LibreOffice): the text Word shows (``visible_text``: tracked changes, fields,
hidden text), a plan read from a document (``importing``) and the plan, appendix and report written as a
.docx (``export``). No Qt here."""
