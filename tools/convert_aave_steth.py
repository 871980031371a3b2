#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts Lido's Aave stETH borrower snapshot (19 June 2023) into LevEx lending books.

Source: lidofinance/aave-liquidation-model, data/steth_aave.csv (Aave v2, 1,309 accounts, amounts in
ETH) and data/steth_aave_v3.csv (Aave v3, 502 accounts, amounts in USD), commit a44561e9, GPL-3.0.
The output keeps that licence (resources/samples/NOTICE.aave-steth).

Usage:
    tools/convert_aave_steth.py SOURCE_DIR OUTPUT_DIR

SOURCE_DIR holds the two original files; OUTPUT_DIR receives aave-v2-steth-2023-06.csv and
aave-v3-steth-2023-06.csv. Python 3 standard library only. docs/lending.md §5 explains every column.

Both books are in ETH. Each account gets:
  STETH  collateral: v2 the aSTETH balance at the v2 oracle's stETH price; v3 the awstETH balance
         times the file's wstETH/ETH price ratio (stETH units at 1 ETH)
  RETH, CBETH (v3) collateral: the file's balances at the file's prices divided by its ETH price
  OTHER  collateral the file does not itemise, in ETH (price 1); its liquidation_threshold is the one
         that makes the account's weighted threshold equal the file's `threshold`
  ETH    debt: the file's ETH (WETH) debt
  USD    the rest of the debt, in US dollars
so that every account's health factor equals the file's `healthf`, which stays in `health_factor`.
"""

import csv
import json
import statistics
import sys
from pathlib import Path

PROFILES = Path(__file__).resolve().parent.parent / "resources" / "protocols"
HEADER = ["account", "asset", "collateral", "debt", "price", "liquidation_threshold", "emode", "health_factor"]
NEGLIGIBLE = 1e-6  # a remainder below this share of the account's collateral or debt is rounding, not an asset


def profile_terms(name):
    """Collateral thresholds and the e-mode category of a bundled profile, by symbol."""
    with open(PROFILES / f"{name}.json", encoding="utf-8") as f:
        p = json.load(f)
    lt = {a["symbol"]: a.get("liquidation_threshold") for a in p["assets"]}
    emode = {c["id"]: (c["liquidation_threshold"], set(c["assets"])) for c in p.get("emode_categories", [])}
    return lt, emode


def number(x):
    """Shortest text that reads back to the same double."""
    return repr(float(x))


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Report:
    def __init__(self, name):
        self.name = name
        self.clamped = []
        self.other_thresholds = []

    def show(self, accounts, extra):
        print(f"{self.name}: {accounts} accounts; {extra}")
        if self.other_thresholds:
            values = sorted(t for t, _ in self.other_thresholds)
            print(f"  OTHER rows: {len(values)}, derived threshold median {statistics.median(values):.4f}, "
                  f"range {values[0]:.4f} .. {values[-1]:.4f}")
        for account, lt in self.clamped:
            print(f"  {account}: derived OTHER threshold {lt:.4f} clamped into [0, 0.9999] (a rounding remainder)")


def other_row(account, weighted_target, itemised_weighted, other_value, total, report):
    """The OTHER collateral row (value in ETH) whose threshold closes the gap to the file's threshold."""
    if other_value <= NEGLIGIBLE * total:
        return None
    lt = (weighted_target - itemised_weighted) / other_value
    if not 0.0 <= lt < 1.0:
        report.clamped.append((account, lt))
        lt = min(max(lt, 0.0), 0.9999)
    lt = round(lt, 6)
    report.other_thresholds.append((lt, other_value))
    return ["OTHER", number(other_value), "0.0", "1.0", number(lt)]


def usd_debt_row(debt_eth, eth_debt, eth_usd):
    rest = debt_eth - eth_debt
    if rest <= NEGLIGIBLE * debt_eth:
        return None
    return ["USD", "0.0", number(rest * eth_usd), number(1.0 / eth_usd), ""]


def convert_v2(rows, eth_usd, out):
    lt, _ = profile_terms("aave-v2-ethereum")
    report = Report("Aave v2")
    # The v2 oracle's stETH price in ETH: the file values each balance at it (one price for all).
    steth_price = round(statistics.median(float(r["collateral_steth_calc"]) / float(r["amount"]) for r in rows), 12)
    lines = []
    for r in rows:
        account, hf = r["user"], r["healthf"]
        collateral, debt = float(r["collateral"]), float(r["debt"])
        steth = float(r["amount"])
        steth_value = steth * steth_price
        account_rows = [["STETH", number(steth), "0.0", number(steth_price), ""]]
        other = other_row(account, collateral * float(r["threshold"]) / 1e4, steth_value * lt["STETH"],
                          collateral - steth_value, collateral, report)
        eth_debt = min(float(r["ethdebt"]), debt)
        account_rows += [other] if other else []
        account_rows += [["ETH", "0.0", number(eth_debt), "1.0", ""]] if eth_debt > 0 else []
        usd = usd_debt_row(debt, eth_debt, eth_usd)
        account_rows += [usd] if usd else []
        lines += [[account] + row[:4] + [row[4], "", hf] for row in account_rows]
    write(out, HEADER, lines, drop=["emode"])
    report.show(len(rows), f"stETH oracle price {steth_price} ETH")


def convert_v3(rows, eth_usd, out):
    lt, emode = profile_terms("aave-v3-ethereum")
    report = Report("Aave v3")
    eth_file = float(rows[0]["eth_price"])
    rate = float(rows[0]["steth_price"]) / eth_file  # wstETH/ETH as the oracle priced it: stETH per wstETH
    reth_price = float(rows[0]["reth_price"]) / eth_file
    cbeth_price = float(rows[0]["cbeth_price"]) / eth_file
    lines = []
    for r in rows:
        account, hf, category = r["user"], r["healthf"], int(r["emode"])
        collateral, debt = float(r["collateral"]) / eth_usd, float(r["debt"]) / eth_usd
        members = emode[category][1] if category in emode else set()

        def threshold(symbol):
            return emode[category][0] if symbol in members else lt[symbol]

        itemised = [("STETH", float(r["amount"]) * rate, 1.0), ("RETH", float(r["reth_collateral"]), reth_price),
                    ("CBETH", float(r["cbeth_collateral"]), cbeth_price)]
        account_rows, value, weighted = [], 0.0, 0.0
        for symbol, units, price in itemised:
            if units > 0:
                account_rows.append([symbol, number(units), "0.0", number(price), ""])
                value += units * price
                weighted += units * price * threshold(symbol)
        other = other_row(account, collateral * float(r["threshold"]) / 1e4, weighted, collateral - value, collateral,
                          report)
        eth_debt = min(float(r["ethdebt"]), debt)
        account_rows += [other] if other else []
        account_rows += [["ETH", "0.0", number(eth_debt), "1.0", ""]] if eth_debt > 0 else []
        usd = usd_debt_row(debt, eth_debt, eth_usd)
        account_rows += [usd] if usd else []
        lines += [[account] + row[:4] + [row[4], str(category), hf] for row in account_rows]
    write(out, HEADER, lines)
    report.show(len(rows), f"stETH per wstETH {rate:.6f}, rETH {reth_price:.6f} ETH, cbETH {cbeth_price:.6f} ETH")


def implied_eth_usd(rows):
    """The ETH price behind the v3 file's USD totals. The file's own `eth_price` was read a moment after the
    account data (every all-ETH-debt account's debt is 1.00019 x ethdebt x eth_price); the accounts whose
    debt is all ETH give the price the protocol used, rounded to the oracle's 8 decimals."""
    ratios = [float(r["debt"]) / float(r["ethdebt"]) for r in rows
              if float(r["ethdebt"]) > 0 and abs(float(r["ethdebt_calc"]) / float(r["debt"]) - 1) < 1e-3]
    return round(statistics.median(ratios), 8)


def write(path, header, lines, drop=()):
    keep = [i for i, name in enumerate(header) if name not in drop]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([header[i] for i in keep])
        for line in lines:
            w.writerow([line[i] for i in keep])


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    source, out = Path(argv[1]), Path(argv[2])
    v2, v3 = read(source / "steth_aave.csv"), read(source / "steth_aave_v3.csv")
    eth_usd = implied_eth_usd(v3)
    print(f"ETH = {eth_usd} USD (the v3 file's USD totals; also the dollar price of v2's USD debt)")
    out.mkdir(parents=True, exist_ok=True)
    convert_v2(v2, eth_usd, out / "aave-v2-steth-2023-06.csv")
    convert_v3(v3, eth_usd, out / "aave-v3-steth-2023-06.csv")


if __name__ == "__main__":
    main(sys.argv)
