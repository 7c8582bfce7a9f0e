package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// polledKeys are the keys that type no character, by their KeyboardEvent
// names, and space. On the desktop Ebitengine reads keys and buttons once a
// frame, and with GLFW's sticky keys and mouse buttons on (Ebitengine's
// default), a key or button pressed and released since the last frame
// reads as pressed for that frame, so IsKeyJustPressed sees it once (with
// one Update a frame: NewGame). Two presses of one key in consecutive
// frames read as one held press. Characters come from GLFW's queue
// (AppendInputChars), none lost; space, which is both, is read as a key
// only, so that it acts once and does not auto-repeat.
var polledKeys = []struct {
	key  ebiten.Key
	name string
}{
	{ebiten.KeySpace, " "},
	{ebiten.KeyArrowRight, "ArrowRight"},
	{ebiten.KeyArrowLeft, "ArrowLeft"},
	{ebiten.KeyPageDown, "PageDown"},
	{ebiten.KeyPageUp, "PageUp"},
	{ebiten.KeyEscape, "Escape"},
	{ebiten.KeyEnter, "Enter"},
	{ebiten.KeyNumpadEnter, "Enter"},
	{ebiten.KeyBackspace, "Backspace"},
}

// pollInput is this tick's input as events, where the platform queues none
// (the desktop): the pointer's move, the left button going down or up,
// keys just pressed and characters typed. Two presses of one key within a
// tick count once. A character typed while no key went down this tick is
// an auto-repeat of a held key.
func pollInput(dst []InputEvent, lastX, lastY float64) []InputEvent {
	cx, cy := ebiten.CursorPosition()
	x, y := float64(cx), float64(cy)
	if x != lastX || y != lastY {
		dst = append(dst, InputEvent{Kind: PointerMove, X: x, Y: y})
	}
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		dst = append(dst, InputEvent{Kind: PointerDown, X: x, Y: y})
	}
	if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		dst = append(dst, InputEvent{Kind: PointerUp, X: x, Y: y})
	}
	for _, k := range polledKeys {
		if inpututil.IsKeyJustPressed(k.key) {
			dst = append(dst, InputEvent{Kind: KeyPress, Key: k.name})
		}
	}
	repeat := len(inpututil.AppendJustPressedKeys(nil)) == 0
	for _, r := range ebiten.AppendInputChars(nil) {
		if r != ' ' {
			dst = append(dst, InputEvent{Kind: KeyPress, Key: string(r), Repeat: repeat})
		}
	}
	return dst
}
