package main

import "testing"

// pathCases name a path that is not what the command wants: a file
// where a folder goes, a folder, a named pipe or a device where a file
// goes, one that is not there. Named on the command line or in the
// environment it is a usage error (exit 2); in a settings file, bad
// content at its line (exit 1). Each says what is wrong and what to
// give; none hangs on a pipe or writes over a pipe or a device.
func pathCases() []hostileCase {
	gen := func(args ...string) []string {
		return append([]string{"generate", "-f", "txt", "-o", "$DIR/out"}, args...)
	}
	plan := map[string]string{"plan.yaml": "pack: false\noutputs: [{audience: youth, language: en, format: txt}]\n"}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	build := func(args ...string) []string { return append([]string{"build", "$DIR/plan.yaml"}, args...) }
	content := map[string]string{"ours/locales/.keep": ""}
	return []hostileCase{
		// generate's output folder.
		{"out", "-o a file", []string{"generate", "-f", "txt", "-o", "$DIR/afile"}, nil, map[string]string{"afile": "x"}, 2, []string{"cannot use $DIR/afile as the output folder: it is a file, not a folder; choose another folder with --out"}},
		{"out", "-o a named pipe", []string{"generate", "-f", "txt", "-o", "$DIR/pipe"}, nil, map[string]string{"pipe": "FIFO"}, 2, []string{"$DIR/pipe as the output folder: it is a named pipe, not a folder"}},
		{"out", "-o a device", []string{"generate", "-f", "txt", "-o", "$DIR/null"}, nil, map[string]string{"null": "DEVICE"}, 2, []string{"$DIR/null as the output folder: it is a device, not a folder"}},
		{"out", "AWAREKIT_OUT a file", []string{"generate", "-f", "txt"}, map[string]string{"AWAREKIT_OUT": "afile"}, map[string]string{"afile": "x"}, 2, []string{"afile as the output folder: it is a file"}},
		{"out", "out: a file in the settings file", []string{"generate", "-f", "txt"}, nil, map[string]string{"afile": "x", "awarekit.yaml": "paper: a4\nout: afile\n"}, 1, []string{"settings file awarekit.yaml:2: out: cannot use afile as the output folder: it is a file"}},
		// "-", which many tools read as the terminal: no folder named "-".
		{"out", "-o -", []string{"generate", "-f", "txt", "-o", "-"}, nil, nil, 2, []string{"cannot use - as a folder: awarekit writes its files into a folder, not to the terminal; give the name of a folder with --out"}},
		{"out", "build -o -", build("-o", "-"), nil, plan, 2, []string{"cannot use - as a folder"}},
		{"out", "out: - in the settings file", []string{"generate", "-f", "txt"}, nil, map[string]string{"awarekit.yaml": "paper: a4\nout: \"-\"\n"}, 1, []string{"settings file awarekit.yaml:2: out: cannot use - as a folder"}},
		// The logo.
		{"logo", "--logo a folder", gen("--logo", "$DIR/logos"), nil, map[string]string{"logos/.keep": ""}, 2, []string{"--logo: logo $DIR/logos is a folder, not a file; give the path of a file"}},
		{"logo", "--logo not there", gen("--logo", "$DIR/logo.png"), nil, nil, 2, []string{"--logo: logo $DIR/logo.png does not exist; check the name and the folder"}},
		{"logo", "--logo a device", gen("--logo", "$DIR/null"), nil, map[string]string{"null": "DEVICE"}, 2, []string{"--logo: logo $DIR/null is a device"}},
		{"logo", "logo a named pipe in the environment", gen(), map[string]string{"AWAREKIT_ORGANISATION_LOGO": "pipe.png"}, map[string]string{"pipe.png": "FIFO"}, 2, []string{"AWAREKIT_ORGANISATION_LOGO: logo pipe.png is a named pipe"}},
		{"logo", "logo a named pipe in the settings file", gen(), nil, map[string]string{"pipe.png": "FIFO", "awarekit.yaml": "organisation:\n  name: Club\n  logo: pipe.png\n"}, 1, []string{"settings file awarekit.yaml:3: organisation.logo: logo pipe.png is a named pipe"}},
		{"logo", "a build's logo not there, settings file", build("-o", "$DIR/out"), nil, with(plan, "awarekit.yaml", "organisation:\n  logo: gone.png\n"), 1, []string{"settings file $DIR/awarekit.yaml:2: organisation.logo: logo $DIR/gone.png does not exist"}},
		// Fonts, in a settings file only.
		{"fonts", "a font not there", gen(), nil, map[string]string{"awarekit.yaml": "paper: a4\nfonts: {Guru: [gone.ttf]}\n"}, 1, []string{"settings file awarekit.yaml:2: fonts: Guru: font $DIR/gone.ttf does not exist"}},
		{"fonts", "a font a named pipe", gen(), nil, map[string]string{"pipe.ttf": "FIFO", "awarekit.yaml": "fonts:\n  Guru:\n    - pipe.ttf\n"}, 1, []string{"settings file awarekit.yaml:3: fonts: Guru: font $DIR/pipe.ttf is a named pipe"}},
		// build: the plan, its output folder, the folders of parts.
		{"build", "plan not there", []string{"build", "$DIR/gone.yaml"}, nil, nil, 2, []string{"plan $DIR/gone.yaml does not exist; check the name and the folder"}},
		{"build", "plan a folder", []string{"build", "$DIR/plans"}, nil, map[string]string{"plans/.keep": ""}, 2, []string{"plan $DIR/plans is a folder, not a file"}},
		{"build", "plan a device", []string{"build", "$DIR/null"}, nil, map[string]string{"null": "DEVICE"}, 2, []string{"plan $DIR/null is a device"}},
		{"build", "-o a file", build("-o", "$DIR/afile"), nil, with(plan, "afile", "x"), 2, []string{"cannot use $DIR/afile as the output folder: it is a file, not a folder"}},
		{"build", "-o a named pipe", build("-o", "$DIR/pipe"), nil, with(plan, "pipe", "FIFO"), 2, []string{"$DIR/pipe as the output folder: it is a named pipe"}},
		{"build", "-o a named pipe, dry run", build("-o", "$DIR/pipe", "--dry-run"), nil, with(plan, "pipe", "FIFO"), 0, nil},
		{"build", "out/ beside the plan a file", build(), nil, with(plan, "out", "x"), 2, []string{"$DIR/out as the output folder: it is a file"}},
		{"build", "--gather a named pipe", build("-o", "$DIR/out", "--gather", "$DIR/pipe"), nil, with(plan, "pipe", "FIFO"), 2, []string{"--gather: $DIR/pipe is a named pipe, not a folder; give the folders the parts were made in"}},
		{"build", "--gather a file, after a folder", build("-o", "$DIR/out", "--gather", "$DIR/p1", "$DIR/afile"), nil, with(plan, "p1/.keep", "", "afile", "x"), 2, []string{"--gather: $DIR/afile is a file, not a folder"}},
		{"build", "--gather not there", build("-o", "$DIR/out", "--gather", "$DIR/gone"), nil, plan, 2, []string{"--gather: $DIR/gone does not exist"}},
		{"build", "--gather one folder twice", build("-o", "$DIR/out", "--gather", "$DIR/p1", "$DIR/p2", "$DIR/p1"), nil, with(plan, "p1/.keep", "", "p2/.keep", ""), 2, []string{"--gather: $DIR/p1 is given twice; give each folder of parts once"}},
		{"build", "--gather a folder with no parts, into a new folder", build("-o", "$DIR/fresh/out", "--gather", "$DIR/p1"), nil, with(plan, "p1/.keep", ""), 1, []string{"cannot gather the parts: $DIR/p1 has no shard manifest"}},
		{"build", "--gather a folder with no parts, into an empty folder", build("-o", "$DIR/out", "--gather", "$DIR/p1"), nil, with(plan, "p1/.keep", "", "out/.keep", ""), 1, []string{"cannot gather the parts"}},
		{"build", "--gather one folder by two names", build("-o", "$DIR/out", "--gather", "$DIR/p1", "$DIR/p2/../p1/"), nil, with(plan, "p1/.keep", "", "p2/.keep", ""), 2, []string{"--gather: $DIR/p1 and $DIR/p2/../p1/ are the same folder; give each folder of parts once"}},
		// translate: -o, --into, the content folder it reads.
		{"translate", "export -o a named pipe", []string{"translate", "export", "-l", "es", "-o", "$DIR/pipe"}, nil, map[string]string{"pipe": "FIFO"}, 2, []string{"-o $DIR/pipe is a named pipe, not a file; give a file's name"}},
		{"translate", "export -o a device", []string{"translate", "export", "-l", "es", "-o", "$DIR/null"}, nil, map[string]string{"null": "DEVICE"}, 2, []string{"-o $DIR/null is a device, not a file"}},
		{"translate", "export's own file a named pipe", []string{"translate", "export", "-l", "es"}, nil, map[string]string{"awarekit-es.po": "FIFO"}, 2, []string{"awarekit-es.po, the file written when -o is not given, is a named pipe, not a file; move it away, or name another file with -o, like -o awarekit-es-2.po"}},
		{"translate", "export's own file a folder", []string{"translate", "export", "-l", "es", "--as", "csv"}, nil, map[string]string{"awarekit-es.csv/.keep": ""}, 2, []string{"awarekit-es.csv, the file written when -o is not given, is a folder, not a file"}},
		{"translate", "proof's own file a device", []string{"translate", "proof", "-l", "es"}, nil, map[string]string{"proof-es.pdf": "DEVICE"}, 2, []string{"proof-es.pdf, the file written when -o is not given, is a device, not a file"}},
		{"translate", "proof -o a named pipe", []string{"translate", "proof", "-l", "es", "-o", "$DIR/pipe"}, nil, map[string]string{"pipe": "FIFO"}, 2, []string{"-o $DIR/pipe is a named pipe, not a file"}},
		{"translate", "export -o in a folder not there", []string{"translate", "export", "-l", "es", "-o", "$DIR/afile/es.po"}, nil, map[string]string{"afile": "x"}, 2, []string{"$DIR/afile as a folder: it is a file, not a folder; choose another folder with --output"}},
		{"translate", "import --into a file", []string{"translate", "import", "$DIR/es.po", "--into", "$DIR/afile"}, nil, map[string]string{"es.po": "", "afile": "x"}, 2, []string{"--into: content folder $DIR/afile is a file, not a folder"}},
		{"translate", "import --into a folder not there", []string{"translate", "import", "$DIR/es.po", "--into", "$DIR/gone"}, nil, map[string]string{"es.po": ""}, 2, []string{"--into: content folder $DIR/gone does not exist"}},
		{"translate", "review --into a named pipe", []string{"translate", "review", "-l", "es", "--reviewer", "Ana", "--into", "$DIR/pipe"}, nil, map[string]string{"pipe": "FIFO"}, 2, []string{"--into: content folder $DIR/pipe is a named pipe, not a folder"}},
		{"translate", "review into a file, settings file", []string{"translate", "review", "-l", "es", "--reviewer", "Ana"}, nil, map[string]string{"afile": "x", "awarekit.yaml": "content: afile\n"}, 1, []string{"settings file awarekit.yaml:1: content folder afile is a file, not a folder"}},
		{"translate", "status --content /etc", []string{"translate", "status", "--content", "/etc"}, nil, nil, 2, []string{"--content: content folder /etc has neither audiences/ nor locales/", "a content folder holds audiences/"}},
		{"translate", "export --content a folder of notes", []string{"translate", "export", "-l", "es", "--content", "$DIR/ours", "-o", "$DIR/es.po"}, nil, map[string]string{"ours/README.txt": "x"}, 2, []string{"--content: content folder $DIR/ours has neither audiences/ nor locales/"}},
		{"translate", "proof, content: in the settings file the project's folder", []string{"translate", "proof", "-l", "es", "-o", "$DIR/p.pdf"}, nil, map[string]string{"awarekit.yaml": "paper: a4\ncontent: .\n"}, 1, []string{"settings file awarekit.yaml:2: content folder", "has neither audiences/ nor locales/"}},
		{"translate", "import into an empty content folder", []string{"translate", "import", "$DIR/es.po", "--into", "$DIR/ours"}, nil, with(content, "es.po", "FIFO"), 2, []string{"es.po", "is a named pipe"}},
		// init, man and new: the folder they write into.
		{"folders", "init into a named pipe", []string{"init", "$DIR/pipe"}, nil, map[string]string{"pipe": "FIFO"}, 2, []string{"$DIR/pipe as a folder: it is a named pipe, not a folder; choose another folder"}},
		{"folders", "man into a device", []string{"man", "$DIR/null"}, nil, map[string]string{"null": "DEVICE"}, 2, []string{"$DIR/null as a folder: it is a device"}},
		{"folders", "new audience into a file", []string{"new", "audience", "club", "--content", "$DIR/afile"}, nil, map[string]string{"afile": "x"}, 2, []string{"--content: content folder $DIR/afile is a file, not a folder"}},
	}
}

// TestPathFlags: every path the commands are given, given wrong.
func TestPathFlags(t *testing.T) {
	for _, tt := range pathCases() {
		t.Run(tt.family+"/"+tt.name, func(t *testing.T) { runHostile(t, tt) })
	}
}
