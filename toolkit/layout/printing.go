package layout

// WalletCardsPerSheet is how many wallet cards the cards format puts on
// one sheet of paper with print options po (10 on Letter, 8 on A4,
// fewer when the bleed needs the room, 1 for single-card pages); 0 for
// a paper it has no sheet for.
func WalletCardsPerSheet(p Paper, po PrintOptions) int { return perSheet(walletCards, p, po) }

// SafetyCardsPerSheet is how many safety cards one sheet of paper holds.
func SafetyCardsPerSheet(p Paper, po PrintOptions) int { return perSheet(safetyCards, p, po) }

// ScenarioCardsPerSheet is how many scenario cards one sheet holds.
func ScenarioCardsPerSheet(p Paper, po PrintOptions) int { return perSheet(scenarioCards, p, po) }

// PocketCardsPerSheet is how many pocket cards one sheet holds.
func PocketCardsPerSheet(p Paper, po PrintOptions) int { return perSheet(pocketCards, p, po) }

func perSheet(specs map[string]sheetSpec, p Paper, po PrintOptions) int {
	s, err := sheetFor(specs, p, po)
	if err != nil {
		return 0
	}
	return s.cols * s.rows
}

// PosterSheet is the sheet a poster is printed on for paper: Tabloid for
// Letter, A3 for A4.
func PosterSheet(p Paper) Paper {
	if s, ok := posterPapers[p.Name]; ok {
		return s
	}
	return p
}
