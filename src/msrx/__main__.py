from msrx.entry import main

main()
