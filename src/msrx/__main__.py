from msrx.cli import main

main()
