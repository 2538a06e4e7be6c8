package html

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// orderRunner finds every element whose text holds the organisation's
// name (NAME, base64 JSON) and draws, right after it, a reference copy:
// the same element with its text as plain characters, each <bdi> made
// the isolate characters it stands for (FSI, or LRI/RLI for dir="ltr"/
// "rtl"), and the element's own direction set as the browser resolved
// it. For both it reads the characters in the order they stand (by line,
// then from left to right; spaces and characters of no width left out),
// and writes the pairs into the page, where --dump-dom finds them.
const orderRunner = `<script>
(function () {
  var name = JSON.parse(decodeURIComponent(escape(atob("NAME"))));
  function visual(el) {
    var chars = [], w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), t;
    while ((t = w.nextNode())) {
      for (var i = 0; i < t.data.length; i++) {
        if (/\s/.test(t.data[i])) continue;
        var r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
        var b = r.getBoundingClientRect();
        if (b.width > 0) chars.push([Math.round(b.top / 4), b.left + b.width / 2, t.data[i]]);
      }
    }
    chars.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return chars.map(function (c) { return c[2]; }).join("");
  }
  function plain(el) {
    var s = "";
    el.childNodes.forEach(function (n) {
      if (n.nodeType === 3) { s += n.data; return; }
      if (n.nodeType !== 1) return;
      if (n.localName === "bdi") {
        var d = n.getAttribute("dir");
        s += (d === "ltr" ? "\u2066" : d === "rtl" ? "\u2067" : "\u2068") + plain(n) + "\u2069";
      } else {
        s += plain(n);
      }
    });
    return s;
  }
  // English and French pages print the name's ' as a curly apostrophe.
  function holds(el) { return el.textContent.replace(/\u2019/g, "'").indexOf(name) >= 0; }
  var out = [];
  document.querySelectorAll("h1, h2, h3, p, li, a, span, div").forEach(function (el) {
    if (!holds(el)) return;
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName !== "bdi" && holds(c)) return; // a child holds it: check that one
    }
    var ref = el.cloneNode(false);
    ref.removeAttribute("id");
    ref.setAttribute("dir", getComputedStyle(el).direction);
    ref.textContent = plain(el);
    el.parentNode.insertBefore(ref, el.nextSibling);
    out.push({tag: el.localName, text: el.textContent, got: visual(el), want: visual(ref)});
  });
  var pre = document.createElement("pre");
  pre.textContent = "ORDER-" + "RESULT:" + btoa(unescape(encodeURIComponent(JSON.stringify(out)))) + ":END";
  document.body.appendChild(pre);
})();
</script>
`

var orderResult = regexp.MustCompile(`ORDER-RESULT:([A-Za-z0-9+/=]*):END`)

// nameOrder is what one element holding the name reads as on the page,
// and what its reference copy with isolate characters reads as.
type nameOrder struct {
	Tag, Text, Got, Want string
}

// namesInBrowser opens page in headless Chromium and returns, for each
// element holding name, the order of its characters and its reference's.
func namesInBrowser(t *testing.T, bin, profileDir, page, name string) []nameOrder {
	t.Helper()
	js, err := json.Marshal(name)
	if err != nil {
		t.Fatal(err)
	}
	inject := strings.Replace(orderRunner, "NAME", base64.StdEncoding.EncodeToString(js), 1)
	stdout, stderr := dumpWithScript(t, bin, profileDir, page, inject, "--window-size=1600,1200")
	m := orderResult.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("the page did not report; chromium said:\n%s", stderr)
	}
	data, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	var out []nameOrder
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNamesInVisualOrder opens Arabic, Persian and English pages made
// for organisations with names that reorder when they are not isolated
// ("St. Mary's Centre (Surrey) 2.", whose period and digit go to the
// wrong end in right-to-left text, and "جمعية النخيل 24." in left-to-
// right text) in headless Chromium, and checks where the name stands in
// every element that holds it (the masthead, the local list's title, its
// contacts, the footer): the characters are in the order of the same
// text with Unicode's isolate characters in place of the markup, and the
// name's own characters stand together in the name's order.
func TestNamesInVisualOrder(t *testing.T) {
	needFull(t)
	bin := chromium(t)
	lib, err := content.Load(audiences.FS, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	names := []struct {
		name, visual string // the name, and its characters as they stand alone in their own direction
	}{
		{"St. Mary's Centre (Surrey) 2.", "St.Mary'sCentre(Surrey)2."},
		{"جمعية النخيل 24.", ".24ليخنلاةيعمج"},
	}
	profiles := make(chan string, 2) // one browser per core
	for range cap(profiles) {
		profiles <- t.TempDir()
	}
	for _, lang := range []string{"ar", "fa", "en"} {
		for _, n := range names {
			t.Run(lang+"/"+n.name, func(t *testing.T) {
				t.Parallel()
				profileDir := <-profiles
				defer func() { profiles <- profileDir }()
				org := profile.Organisation{Name: n.name, Phone: "604-555-0134", Website: "riverside.example.org"}
				brand, err := org.Brand()
				if err != nil {
					t.Fatal(err)
				}
				d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: lang, Org: org, Brand: brand, AllowDraft: true})
				if err != nil {
					t.Fatal(err)
				}
				found := namesInBrowser(t, bin, profileDir, write(t, d), n.name)
				if len(found) < 3 {
					t.Fatalf("the name is in %d elements, want the masthead, the local list and the footer at least: %+v", len(found), found)
				}
				t.Logf("the name is in %d elements", len(found))
				for _, f := range found {
					if f.Got != f.Want {
						t.Errorf("<%s> %q reads\n%s\nwith isolate characters\n%s", f.Tag, f.Text, f.Got, f.Want)
					}
					if !strings.Contains(strings.ReplaceAll(f.Got, "’", "'"), n.visual) {
						t.Errorf("<%s> %q reads %s: the name is not whole (%s)", f.Tag, f.Text, f.Got, n.visual)
					}
				}
			})
		}
	}
}

// TestEnglishDraftLineInVisualOrder opens draft Arabic, Persian and Urdu
// pages in headless Chromium and reads the English draft notice as it
// stands: left to right, its full stop last. Set in the page's
// right-to-left paragraph it read ".Draft translation: …".
func TestEnglishDraftLineInVisualOrder(t *testing.T) {
	needFull(t)
	bin := chromium(t)
	lib, err := content.Load(audiences.FS, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	profileDir := t.TempDir()
	for _, lang := range []string{"ar", "fa", "ur"} {
		d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: lang, AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		en := d.Footer.DraftEnglish
		if en == "" || d.Footer.Draft == "" {
			t.Fatalf("%s: no draft notice (%q, %q): the test needs a draft language", lang, d.Footer.Draft, en)
		}
		found := namesInBrowser(t, bin, profileDir, write(t, d), en)
		if len(found) != 1 {
			t.Fatalf("%s: the English notice is in %d elements, want 1: %+v", lang, len(found), found)
		}
		if want := strings.Join(strings.Fields(en), ""); found[0].Got != want {
			t.Errorf("%s: the English draft notice reads\n%s\nwant\n%s", lang, found[0].Got, want)
		}
	}
}
