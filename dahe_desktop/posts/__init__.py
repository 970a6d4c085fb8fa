"""设岗定责 (seed §3.4): posts set by need, chosen both ways (the member applies,
villagers nominate, the branch fixes more candidates than seats, members and villager
representatives vote), held with duties and yearly targets and logged as they are done."""
