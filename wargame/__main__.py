from wargame.cli import main

main()
