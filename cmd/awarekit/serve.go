package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/serve"
)

// ServeOptions are the options of serve.
type ServeOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)

	Dir      string
	Port     int
	Listen   string // "" is loopback only
	Open     bool
	Settings *Settings
	// OpenURL opens the page in the browser; tests replace it.
	OpenURL func(url string) error
	// Stop ends the server when done; nil waits for Ctrl-C or SIGTERM.
	Stop <-chan struct{}
	// Ready hears the page's address once it is served (tests).
	Ready func(url string)
}

func newCmdServe(f *Factory, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: f.IOStreams, Engine: f.Engine, OpenURL: openBrowser}
	var configFile string
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Make materials in your browser, without typing commands",
		Long: `Serve a page on this computer that makes the materials 'generate' and
'build' make: a form with a preview of every page, downloads of each file
or of all of them as a zip, and a workshop page that builds a plan with its
print pack.

It works in one folder (the current one, or --dir): it reads awarekit.yaml
there, saves plans beside it, keeps uploaded logos in logos/ and writes
every material to out/. It writes nowhere else.

The page is served on 127.0.0.1 only, at a free port unless --port says
which; only this computer can open it. Ctrl-C stops it, which is its
normal end (exit 0): a build in progress finishes its documents first.`,
		Example: `  # open the page in your browser
  $ awarekit serve --open

  # work in another folder, on a fixed port
  $ awarekit serve --dir ~/workshop --port 8080

  # let other computers on a network you trust open it (not recommended)
  $ awarekit serve --listen 0.0.0.0 --port 8080`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := profile.CheckPath(profile.Field{Name: "folder", From: "--dir"}, opts.Dir); err != nil {
				return usage(err)
			}
			if st, err := os.Stat(opts.Dir); err != nil || !st.IsDir() {
				return usage(fmt.Errorf("--dir %s is not a folder; give an existing folder", opts.Dir))
			}
			if opts.Port < 0 || opts.Port > 65535 {
				return usage(fmt.Errorf("--port %d: give a port from 1 to 65535, or 0 for any free port", opts.Port))
			}
			if configFile == "" {
				if beside := filepath.Join(opts.Dir, ConfigFileName); fileExists(beside) {
					configFile = beside
				}
			}
			s, err := loadContentSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.Settings = s
			if runF != nil {
				return runF(opts)
			}
			return serveRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Dir, "dir", ".", "the `FOLDER` to work in: its awarekit.yaml, plans, logos/ and out/")
	fl.IntVar(&opts.Port, "port", 0, "the port to serve on (default: any free port)")
	fl.StringVar(&opts.Listen, "listen", "", "serve on this `ADDRESS` instead of 127.0.0.1, so other computers can open the page (warns)")
	fl.BoolVar(&opts.Open, "open", false, "open the page in your browser")
	addConfigFlag(cmd, &configFile)
	_ = cmd.MarkFlagDirname("dir")
	return cmd
}

func serveRun(opts *ServeOptions) error {
	s := opts.Settings
	if err := checkFiles(s.Org.Logo, s.Fonts, s.From); err != nil {
		return err
	}
	eng, err := opts.Engine(generate.Config{ContentDir: s.Content, Fonts: s.Fonts})
	if err != nil {
		return fontError(err, s.From)
	}
	for _, w := range eng.Lib.Warnings {
		fmt.Fprintln(opts.IO.ErrOut, "warning:", w)
	}
	host := "127.0.0.1"
	if opts.Listen != "" {
		host = opts.Listen
		if h, p, err := net.SplitHostPort(opts.Listen); err == nil {
			host = h
			if opts.Port == 0 {
				if opts.Port, err = strconv.Atoi(p); err != nil {
					return usage(fmt.Errorf("--listen %s: the port is not a number", opts.Listen))
				}
			}
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(opts.Port)))
	if err != nil {
		return usage(fmt.Errorf("cannot serve on %s port %d (%v); choose another --port, or leave it out for a free one", host, opts.Port, err))
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() {
		fmt.Fprintf(opts.IO.ErrOut, "warning: serving on %s: every computer that can reach this one can open the page, make files in %s and download them; use --listen only on a network you trust\n",
			net.JoinHostPort(host, strconv.Itoa(addr.Port)), opts.Dir)
	}
	srv, err := serve.New(serve.Config{
		Engine: eng, Dir: opts.Dir, Fonts: s.Fonts, Addr: net.JoinHostPort(host, strconv.Itoa(addr.Port)), Version: version, Log: opts.IO.ErrOut,
		Defaults: serve.Defaults{Audiences: s.Audiences, Langs: s.Langs, Formats: s.Formats, Paper: s.Paper, Style: s.Style, Org: s.Org, Province: s.Province, AllowDraft: s.AllowDraft},
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	url := pageURL(addr)
	dir, _ := filepath.Abs(opts.Dir)
	fmt.Fprintln(opts.IO.Out, url)
	fmt.Fprintf(opts.IO.ErrOut, "awarekit is serving %s at %s (Ctrl-C to stop)\n", dir, url)

	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if opts.Ready != nil {
		opts.Ready(url)
	}
	if opts.Open {
		if err := opts.OpenURL(url); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "warning: could not open the browser (%v); open %s yourself\n", err, url)
		}
	}

	stop := opts.Stop
	if stop == nil {
		ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer cancel()
		stop = ctx.Done()
	}
	select {
	case err := <-served:
		return fmt.Errorf("the page stopped: %w", err)
	case <-stop:
	}
	// Requests in progress may finish; a build in progress finishes its
	// documents and writes its manifest, as at Ctrl-C in 'awarekit build'.
	fmt.Fprintln(opts.IO.ErrOut, "stopping…")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	srv.Close()
	fmt.Fprintln(opts.IO.ErrOut, "stopped")
	return nil
}

// pageURL is the address to open: localhost for a loopback or wildcard
// address, the address itself otherwise.
func pageURL(addr *net.TCPAddr) string {
	host := addr.IP.String()
	if addr.IP.IsLoopback() || addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
}

// openBrowser opens url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
