"""PDF output (reportlab). No Qt here: the command line prints without loading the window."""
