from khdesk.__main__ import main
raise SystemExit(main())
