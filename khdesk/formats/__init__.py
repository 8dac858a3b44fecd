"""The file formats, read and written: PDF (``pdf``, reportlab), Excel (``excel``, openpyxl and xlrd for
.xls) and Word (``word``, python-docx). A writer renders what ``khdesk.document`` built; a reader turns a
file from outside into data (an ``ImportTable``, a ``WordPlan``) and bounds what it reads. The formats take
and give data, not the database: the use-cases (``khdesk.usecases``) join them to the store."""
