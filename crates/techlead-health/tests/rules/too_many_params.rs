use crate::{Health, check};

#[test]
fn too_many_params() {
    // Five parameters in Go (lizard splits at every comma) and in Python
    // (`self` is a parameter), over a configured limit of 4 (the default).
    let hit = Health::new("max_params = 4\n")
        .file(
            "pkg/draw.go",
            "package pkg\n\nfunc Draw(x, y, w, h int, color string) {\n}\n",
        )
        .file(
            "pkg/shape.py",
            "class Shape:\n    def __init__(self, x, y, w, h):\n        self.x = x\n",
        );
    // Four parameters: a bare `*` or `/` is not one, and a TypeScript
    // destructured parameter counts once.
    let near_miss = Health::new("max_params = 4\n")
        .file(
            "pkg/shape.py",
            "def make(x, y, /, w, *, h):\n    return x\n",
        )
        .file(
            "web/draw.ts",
            "export function draw({ x, y }: Point, w: number, h: number, color?: string) {\n  return x;\n}\n",
        );
    check("health/too-many-params", hit, near_miss);
}
