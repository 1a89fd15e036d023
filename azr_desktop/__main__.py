from azr_desktop.cli import main

raise SystemExit(main())
