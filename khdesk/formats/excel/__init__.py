"""Excel in and out (openpyxl; old .xls through xlrd). No Qt here."""
