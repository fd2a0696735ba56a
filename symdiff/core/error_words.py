"""The words of the errors a user gets for input that cannot be read (syntax, limit, usage), by key,
per language: the error catalogue, which `symdiff.core.messages` merges into its own.

Free of SymPy, like `symdiff.core.errors`: an English message is formatted here without importing it.
A raise site names a key and its values (`Words("error.operand.after", op="^")`); the error's
`message` is the English text (JSON keeps it, as the contract shows), and a human view under
`--lang ko` says it in Korean (`symdiff.core.errors.localized`). Input and code stay as they were
typed, in quotes: only the words around them are translated.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # characters and names
    "error.lookalike": "'{ch}' ({name}) looks like the Latin letter '{latin}' but is not; type '{latin}'",
    "error.underscore": "a name must start with a letter",
    "error.name.underscores": "'{name}' cannot be a name: two underscores in a row, or one at the end, are "
                              "read by printers as a power or as nothing (x__2 is set as x², x_ as x)",
    "error.module": "'{module}.{name}' is Python's module syntax: write {name}(…) without '{module}.' "
                    "(symdiff knows exp, log, sin, … by their own names)",
    "error.factorial": "factorials are not supported",
    "error.comparison": "'{ch}' is not part of an expression (equations are not supported here)",
    "error.quotes": "quotes are not part of an expression",
    "error.letter": "unexpected letter '{ch}' ({name}): names use ASCII letters or Greek letters",
    "error.digit": "unexpected digit '{ch}' ({name}): use the digits 0-9",
    "error.combining": "unexpected combining mark U+{code} {name} (a terminal draws it on the character before "
                       "it): names and numbers take no accents",
    "error.character": "unexpected character '{ch}'",
    "error.character.named": "unexpected character {shown}(U+{code}{name})",
    "error.character.line_break": "a line break (U+{code}{name}) inside the expression: symdiff ends a line only "
                                  "at a newline (\\n, \\r\\n or \\r), so put each expression on a line of its own",
    "error.character.not_utf8": "the byte 0x{byte} is not UTF-8 (is the text Latin-1 or Windows-1252?); symdiff "
                                "reads UTF-8 only",
    "error.name.long": "a name longer than the limit of {limit} characters",
    "error.log.base": "the base of {name}{{…}} must be a number or a name; for any other base write log(x, base)",
    "error.subscript": "a subscript in braces must be letters and digits, like x_{{1}}",
    # LaTeX
    "error.latex.backslash": "a backslash must start a LaTeX command",
    "error.latex.unknown": "unknown LaTeX command '\\{command}'",
    "error.latex.unsupported": "{what} (\\{command}) is not supported in an expression",
    "error.latex.what.int": "an integral", "error.latex.what.sum": "a sum", "error.latex.what.prod": "a product",
    "error.latex.what.lim": "a limit", "error.latex.what.infty": "infinity",
    "error.latex.what.nabla": "the nabla operator",
    "error.latex.base.open": "'{{' after '\\{command}_' is never closed",
    "error.latex.base": "expected the base after '\\{command}_'",
    "error.latex.name": "expected '{{name}}' after '\\{command}'",
    "error.latex.not_name": "'\\{command}{{{name}}}' does not name a function or variable",
    "error.latex.brace": "expected '{{' after '{command}'",
    "error.latex.brace.found": "expected '{{' after '{command}', found '{found}'",
    # brackets and operands
    "error.unclosed": "'{opener}' at column {column} is never closed",
    "error.mismatch": "'{found}' does not match '{opener}' at column {column}",
    "error.close": "expected '{want}' to close '{opener}' at column {column}, found '{found}'",
    "error.unmatched": "unmatched '{found}'",
    "error.comma": "',' outside a function's arguments",
    "error.comma.functions": "',' outside a function's arguments: separate the functions with ';' (\"x*y; x + y\") "
                             "or give each as an argument of its own, and name the variables with {option}",
    "error.unexpected": "unexpected '{found}'",
    "error.empty": "empty expression",
    "error.operand.after": "expected an operand after '{op}'",
    "error.operand.after.found": "expected an operand after '{op}', found '{found}'",
    "error.operand.found": "expected an operand, found '{found}'",
    "error.number.after": "a number cannot follow an operand without an operator; write '*{found}'",
    "error.superscript": "superscript '{found}' is not an integer",
    "error.bar.open": "'|' at column {column} is never closed",
    "error.ambiguous.argument": "ambiguous: put the function's whole argument in parentheses, like sin(2(x+1))",
    # values the text itself asks for
    "error.undefined": "this is undefined (it divides by zero or takes log(0))",
    "error.infinite": "this is infinite",
    "error.not_real": "this is not a real number",
    "error.division": "division by zero",
    "error.division.power": "division by zero (0 to a negative power)",
    "error.root.zero": "a root of index 0 is not defined",
    "error.root.call.zero": "root(x, 0) is not defined",
    "error.complex": "{value} is not a real number (SymPy takes the complex principal value here)",
    "error.log.base.value": "a logarithm's base must be positive and not 1, got {base}",
    # limits
    "error.limit.length": "the expression has {length} characters, over the limit of {limit}",
    "error.limit.literal": "a number with {digits} digits is over the limit of {limit}",
    "error.limit.exponent": "the exponent {exponent} is over the limit of {limit}",
    "error.limit.root": "the exponent of {base} has a denominator of about {digits} digits, over the limit of "
                        "{limit}",
    "error.limit.digits": "this makes a number of about {digits} digits, over the limit of {limit}",
    "error.limit.precision": "a floating-point number with a precision of about {digits} digits is over the limit "
                             "of {limit}",
    "error.limit.power": "{base}^{exponent} would have {digits}, over the limit of {limit}",
    "error.digits.about": "about {digits} digits",
    "error.digits.huge": "more digits than any computer holds",
    "error.limit.literal.exponent": "the exponent of {literal} is over the limit of {limit}",
    "error.limit.function": "{name} of a number this large ({shown}) would have more than {limit} digits",
    "error.limit.depth": "nesting deeper than the limit of {limit}",
    # equations, definitions, derivative notation
    "error.equation": "'=' is not part of an expression (equations are not supported here)",
    "error.equation.second": "a second '=': a definition has one (f(x) = …)",
    "error.equation.brackets": "'=' inside brackets is not part of an expression",
    "error.equation.nothing": "nothing after '=' to define {name}",
    "error.equation.both": "{name} is on both sides of '=', so this is an equation, not a definition; for the "
                           "derivative along the curve use: {command}",
    "error.equation.curve": "'=' makes this an equation, not an expression; for the derivative along the curve "
                            "use: {command}",
    "error.equation.taken.e": "'{name}' is Euler's number e, so it cannot name your function; write another "
                              "name, such as f(x) = … or y = …",
    "error.equation.taken.pi": "'{name}' is the constant pi, so it cannot name your function; write another "
                               "name, such as f(x) = … or y = …",
    "error.equation.taken.function": "'{name}' is the function {name}, so it cannot name your function; write "
                                     "another name, such as f(x) = … or y = …",
    "error.equation.taken": "'{name}' is a name symdiff reserves, so it cannot name your function; write another "
                            "name, such as f(x) = … or y = …",
    "error.equation.name": "'=' is not part of an expression; to name the function, write f(x) = … or y = …",
    "error.definition.same": "'{name}' names both the function and its variable; name the function differently, "
                             "such as f({name}) = …",
    # f(y) = x·y by x: as declared, x is a constant of f, and ∂f/∂x = y answered a question the declaration
    # does not ask
    "error.definition.undeclared": "{var} is not a variable of {function}: as declared, {var} is a constant in it; "
                                   "to differentiate by {var}, declare {fixed} = …",
    "error.definition.variable": "'=' makes '{name}' the function it defines, so {name} is not a variable to "
                                 "differentiate by; for an equation, use: {command}",
    "error.definition.twice": "'{name}' is named twice on the left of '='; the variables of {function}(…) are "
                              "distinct names",
    "error.operator.nothing": "nothing to differentiate after '{op}'",
    "error.operator.start": "'{op}' is derivative notation, not part of the expression: give just the "
                            "expression, as in: {command}",
    "error.operator.order": "'{op}' is derivative notation, not part of the expression (a derivative of order "
                            "{order}: give the variable {order} times): give just the expression, as in: {command}",
    "error.operator.inside": "derivative notation '{op}' can only stand at the start, before the whole "
                             "expression (symdiff partial differentiates it)",
    "error.partial.sign": "partial-derivative notation (∂) is not supported in an expression; write the function "
                          "and give the variable ({command})",
    # functions
    "error.function.unknown": "unknown function '{name}'; did you mean {meant}? ({product})",
    "error.function.unknown.product": "unknown function '{name}'; {product}",
    "error.function.product": "for a product write '{name}*(…)' or '{name} (…)'",
    # w[0]*x[0] read as w·0·x·0 gave a silent wrong answer to an engineer's indexing
    # sqrt[3]{x} was read as √3·x: LaTeX's root index without its backslash
    "error.root.index": "'sqrt[' is ambiguous: for the cube root write 'root(x, 3)' or '\\sqrt[3]{{x}}', for the "
                        "square root 'sqrt(…)'",
    "error.index": "'{name}[' is indexing, which an expression cannot do: for a subscripted variable write "
                   "'{name}_0', for a product '{name}*[…]' or '{name} […]'",
    "error.function.max": "symdiff does not differentiate {name}: for {call} write {spelled}",
    "error.function.min": "symdiff does not differentiate {name}: for {call} write {spelled} (min(0, u) = −relu(−u))",
    "error.function.sum": "symdiff does not differentiate {name} here: a sum over a vector is for symdiff matrix, "
                          "with the vector's shape: {command}",
    "error.function.unsupported": "symdiff does not differentiate {name}: the function '{name}' is not supported",
    "error.function.unsupported.hint": "symdiff does not differentiate {name}: the function '{name}' is not "
                                       "supported (for a variable named {name}, declare it with {option})",
    "error.function.log.glued": "'{name}' is read as one variable named {name}; for the base-{base} logarithm write "
                                "{spelled} or {spaced}",
    "error.function.log.word": "unknown function '{name}'; for the logarithm to base {base} write {spelled}",
    "error.function.glued": "'{name}' is read as one variable named {name}; for the function write {spelled}",
    "error.function.glued.alone": "'{name}' is read as one variable named {name}; for the function write {spelled} "
                                  "or {spaced}",
    "error.function.glued.call": "'{name}' is not a function: a run of letters is one name; for {before} times "
                                 "{function}(…) write {spelled}",
    "error.function.glued.times": "'{name}' is read as one variable named {name}; for {before} times {function}(…) "
                                  "write {spelled}",
    "error.name.glued.number": "'{name}' glued to the number {number} looks like {spelled} to a reader but is read "
                               "as one variable named {name}: write {spelled} for the product, or, for one name, "
                               "{name_spelled} with {declare}",
    "error.name.glued.letters": "'{name}' is read as one variable named {name}, although the expression also has "
                                "{letters} standing alone: write {spelled} for the product, or, for one name, declare it "
                                "with {declare}",
    "error.function.power.number": "expected a number after '{found}'",
    "error.function.power.inverse": "'{name}' to the power {power} is ambiguous: write a{name}(x) for the inverse "
                                    "function or 1/{name}(x) for the reciprocal",
    "error.function.power": "only a positive whole power can stand after a function name ({name}^2 x); write "
                            "{name}(x)^({power})",
    "error.function.argument": "expected an argument after '{name}', found '{found}'",
    "error.function.argument.end": "expected an argument after '{name}', found the end",
    "error.function.arguments": "{name} takes {want} arguments, got {got}",
    "error.function.arguments.one": "{name} takes {want} argument, got {got}",
    "error.function.arguments.either": "{name} takes {one} or {other} arguments, got {got}",
    "error.function.value": "{name}: {reason}",
    # variables and points (the command line)
    "error.variable.not_name": "'{text}' is not a variable name",
    "error.variable.point": "'{text}' is not a variable name (it looks like a value for a point: separate the "
                            "values of {option} with commas, such as {example})",
    "error.variable.constant": "'{name}' is a constant, not a variable",
    "error.point.pair": "expected name=value, found '{found}'",
    "error.point.pair.number": "expected name=value, found '{found}'",
    "error.point.pair.name": "expected name=value, found '{found}'",
    "error.point.separator": "separate the values with commas: '{fixed}'",
    "error.point.twice": "{name} is given twice",
    "error.point.value": "in the value of {name}: {error}",
    "error.point.number": "the value of {name} must be a number, not '{found}'",
    "error.point.missing": "no value given for {names} (add it to {option})",
    "error.variables.twice": "{option} names {names} twice: each variable once, in the order wanted",
    "error.variable.which": "name the variable to differentiate by (the expression's variables: {names})",
    "error.variable.none": "name the variable to differentiate by (the expression's variables: none)",
    "error.variable.unknown": "{option} {names} is not one of the variables ({variables})",
    "error.direction.size": "{option} has {got} components, but f has {want} variables",
    "error.direction.size.one": "{option} has {got} component, but f has {want} variables",
    "error.direction.size.single": "{option} has {got} components, but f has {want} variable",
    "error.direction.size.one.single": "{option} has {got} component, but f has {want} variable",
    "error.direction.zero": "{option} is the zero vector, which has no direction",
    "error.implicit.same": "the dependent variable must differ from the independent one (both are {name})",
    "error.tangent.absent": "{option} gives {names}, which {f} does not have: the point of tangency has one "
                            "coordinate for each variable of {f} ({variables}) and no other",
    # the matrix parser
    "error.matrix.length": "the expression is {length} characters long; the limit is {limit}",
    "error.matrix.underscore": "a name must start with a letter, not {found}",
    "error.matrix.depth": "the expression is nested more than {limit} levels deep",
    "error.matrix.empty": "the expression is empty",
    "error.matrix.operator": "expected an operator before {found} (matrix products need an explicit *)",
    "error.matrix.unexpected": "unexpected {found}",
    "error.matrix.unclosed": "this parenthesis is never closed",
    "error.matrix.declared": "{name} is a declared matrix, not a function; {product}",
    "error.matrix.operand.after": "expected an operand after {found}",
    "error.matrix.operand": "expected an operand",
    "error.matrix.function": "{name} is a function: write {name}(...)",
    "error.matrix.unknown": "unknown matrix function {name}",
    "error.matrix.unknown.meant": "unknown matrix function {name}; did you mean {meant}?",
    "error.implicit.equals": "an equation needs exactly one '=' (like x**2 + y**2 = 25)",
    "error.implicit.side.empty": "one side of the equation is empty",
    "error.implicit.fy.zero": "{partial} is 0 everywhere: the equation does not define {y} as a function of {x}",
    "error.network.size.reserved": "{name} {value} is the name of one of the network's own symbols (x, t, z, L, "
                                   "W1, b1, y1, a1, ...): name the size differently, such as n or h",
    "error.network.size": "{name} is a size: a number from 1 to 9999 or a name starting with a letter, such as n, "
                          "not {value}",
    "error.network.layers.size": "{option} {layers}: size {n} of {count} ({role}) is {value}, but a layer has "
                                 "from 1 to 9999 units: write a whole number in that range, or a name starting "
                                 "with a letter, such as n",
    "error.network.layers.size.reserved": "{option} {layers}: size {n} of {count} ({role}) is {value}, the name of "
                                          "one of the network's own symbols (x, t, z, L, W1, b1, y1, a1, ...): name "
                                          "the size differently, such as n or h",
    "error.network.layers.size.number": "{option} {layers}: size {n} of {count} ({role}) is {value}, which reads "
                                        "as a number or constant, not a name: write a whole number from 1 to 9999, "
                                        "or a name such as n or h",
    "error.network.size.number": "{name} {value} reads as a number or constant, not a name: write a whole number "
                                 "from 1 to 9999, or a name such as n or h",
    # a size named with a letter that is not ASCII (은닉): sizes become the matrix engine's symbols, named in ASCII
    "error.network.size.letter": "{name} {value} has the letter {letter} ({char}), which a size's name "
                                 "cannot have: sizes are named with ASCII letters, digits and _, such as n or h1",
    "error.network.layers.size.letter": "{option} {layers}: size {n} of {count} ({role}) is {value}, whose letter "
                                        "{letter} ({char}) a size's name cannot have: sizes are named with ASCII "
                                        "letters, digits and _, such as n or h1",
    "error.values.twice": "{option} gives '{name}' twice; give each value once",
    "error.values.at": "{option}: {message}",
    "error.values.slip": "{typed} for {name}",
    "error.values.no_file": "{option}: there is no file {path} (give a JSON file, or JSON text starting with {{)",
    "error.values.directory": "{option}: {path} is a directory, not a JSON file",
    "error.values.empty_file": "{option} file {path} is empty (a FIFO with no writer reads as empty): give x, t and "
                               "every W and b as JSON",
    "error.values.where.text": "{option} text",
    "error.values.where.file": "{option} file {path}",
    "error.values.where.mapping": "the values",
    "error.values.json": "{where} is not JSON: {reason} at line {line}, column {column}",
    "error.values.object": "{where} must be a JSON object of named values, such as {example}",
    "error.values.missing": "{option} has no value for {missing}; the network {layers_option} {layers} needs "
                            "{needed}",
    "error.values.missing.case": "{option} has no value for {missing}; the network {layers_option} {layers} needs "
                                 "{needed} (names are case-sensitive: {slips}?)",
    "error.values.extra": "{option} has {extra}, which the network {layers_option} {layers} does not have; it takes "
                          "{needed}",
    "error.values.shape": "{name} should be {form}, but it is {got}",
    "error.values.shape.why": "{name} should be {form} ({why}), but it is {got}",
    "error.values.not_number": "{name}{at} is {value}, not a number (numbers are int, float, Fraction or Decimal)",
    "error.values.not_finite": "{name}{at} is {value}, not a finite number",
    "error.values.too_large": "{name}{at} is {value}; entries are at most {limit} in size",
    "error.values.over": "{name}{at} is over {limit}; entries are at most that in size",
    "error.values.unreadable": "{name}{at} is {value}, which cannot be read as a number ({reason})",
    "error.values.digits": "{option} has a number of {count} digits; at most {limit} are read",
    "error.values.characters": "{option} has a number of {count} characters; at most {limit} are read",
    "error.values.not_list": "{name} is {value}; write it as {example}",
    "error.values.empty": "{name} is an empty list; write it as {example}",
    "error.values.flat": "{name} should be a matrix{of_shape}, a list of rows such as [[1, 2], [3, 4]], but it is a "
                         "flat list of {count} numbers",
    "error.values.mixed": "{name} mixes numbers and lists; write it as {example}",
    "error.values.row.empty": "row {row} of {name} is empty; write it as {example}",
    "error.values.row.length": "row {row} of {name} has {length} entries and row 1 has {width}: every row of a "
                               "matrix has the same length",
    "error.values.size_from": "{size} = {n} from {name}",
    "error.values.list": "{head}, {tail}",
    "error.values.deep": "{where} nests lists too deeply: a matrix is a list of rows of numbers",
    "error.values.example.vector": "[1, 2] or [[1], [2]]",
    "error.values.example.matrix": "a list of rows, such as [[1, 2], [3, 4]]",
    "error.network.activations.count": "{option} takes one activation for every hidden layer or one per hidden "
                                       "layer; {layers_option} {layers} has {hidden} hidden layers, and {given} "
                                       "were given",
    "error.network.activations.count.one": "{option} takes one activation for every hidden layer or one per "
                                           "hidden layer; {layers_option} {layers} has {hidden} hidden layer, and "
                                           "{given} were given",
    "error.network.role.input": "the input layer's",
    "error.network.role.output": "the output layer's",
    "error.network.role.hidden": "hidden layer {k}'s",
    "error.network.layers.few": "{option} needs at least two sizes, the input's and the output's, such as 4,3,2; "
                                "got {got}",
    "error.network.layers.many": "{option} takes at most {most} sizes ({layers} layers); got {got}",
    "error.option.invalid": "Invalid value for {option}: {reason}",
    "error.matrix.zero_power": "{span}: division by zero ({base} is 0)",
    "error.matrix.exponent.limit": "the exponent {k} is over the limit of {limit}",
    "error.matrix.number.digits": "{span} would have about {digits} digits; the limit is {limit}",
    "error.matrix.power.square": "{span}: only a square matrix has powers, and this one is {shape}",
    "error.matrix.power.whole": "{span}: a matrix power must be a whole number, not {k}",
    "error.matrix.square": "{span}: {fn} needs a square matrix, and this one is {shape}",
    "error.matrix.tensor.vector_by_matrix": "the derivative of the {f_shape} vector {expr} with respect to the "
                                            "{x_shape} matrix {wrt} is a third-order tensor, which symdiff does not "
                                            "print; differentiate a scalar of it instead (a loss, a trace, a norm)",
    "error.matrix.tensor.matrix_by_vector": "the derivative of the {f_shape} matrix {expr} with respect to the "
                                            "{x_shape} vector {wrt} is a third-order tensor, which symdiff does not "
                                            "print; differentiate a scalar of it instead (a loss, a trace, a norm)",
    "error.matrix.tensor.matrix_by_matrix": "the derivative of the {f_shape} matrix {expr} with respect to the "
                                            "{x_shape} matrix {wrt} is a fourth-order tensor, which symdiff does not "
                                            "print; differentiate a scalar of it instead (a loss, a trace, a norm)",
    "error.matrix.exponent": "an exponent must be a number (such as 2, -1 or (1/2))",
    "error.matrix.exponent.transpose": "an exponent must be a number (such as 2, -1 or (1/2)); T has a shape here, "
                                       "so ^T is not read as a transpose: write x' or x.T",
    "error.matrix.size": "a size must be a positive whole number or a name starting with a letter, not {value}",
    "error.matrix.size.number": "a size must be a positive whole number or a name starting with a letter, not "
                                "{value}, which reads as a number or constant",
    "error.matrix.size.digit": "a size uses the digits 0-9, not {digit} ({name})",
    "error.matrix.size.limit": "a size of {size} is over the limit of {limit}",
    "error.matrix.size.letter": "a size's name {value} has the letter {letter} ({char}), which a size's name cannot "
                                "have: sizes are named with ASCII letters, digits and _, such as n or h1",
    "error.matrix.expected.open": "expected '('",
    "error.matrix.expected.separator": "expected ',' or ')'",
    "error.shape.form": "a shape is NAME=ROWS,COLS (such as x=n,1 or A=3,3), not {text}",
    "error.shape.sizes": "a shape has two sizes, ROWS,COLS (or one, n, for a column n×1), not {dims}",
    # how a shape is declared, its sizes a placeholder: --shape A=ROWS,COLS, or the API's shapes={...}
    "error.shape.declare": "{option} {name}=ROWS,COLS",
    "error.shape.declare.api": "shapes={{\"{name}\": (ROWS, COLS)}}",
    "error.shape.declare.and": "{first} {rest}",
    "error.shape.identity": "I is the identity matrix and cannot be declared",
    "error.shape.twice": "{name} is declared twice with different shapes: {first} and {second}",
    "error.matrix.identity_size": "the size of I cannot be told from what is around it; write eye(n)",
    "error.matrix.add": "{sum}: {left} and {right} cannot be added (the shapes differ)",
    "error.matrix.subtract": "{sum}: {left} and {right} cannot be subtracted (the shapes differ)",
    "error.matrix.add.scalar": "{sum}: {left} and {right} cannot be added (the shapes differ); a scalar is not "
                               "spread over a matrix: for {scalar} in every entry write {ones}",
    "error.matrix.subtract.scalar": "{sum}: {left} and {right} cannot be subtracted (the shapes differ); a scalar "
                                    "is not spread over a matrix: for {scalar} in every entry write {ones}",
    "error.matrix.number": "a number cannot follow an operand without an operator; write '*{number}'",
    "error.matrix.power": "{power} is a matrix power over the limit of {limit}",
    "error.matrix.divide": "{quotient}: dividing by a {right} matrix is not defined; use inv(...) or ./ for "
                           "element-wise division",
    "error.matrix.elementwise": "{operation}: {left} and {right} differ, so the element-wise {op} is not defined",
    "error.matrix.conform": "{product}: ({left})·({right}) do not conform (the left has {columns}, the right {rows})",
    "error.descend.constant": "{constants} in {name} is a constant, not one of the variables descent moves "
                              "({listed}): write its value into {name}, or add it to {vars}",
    "error.descend.variable": "{name} has no variable {extra} (its variables: {listed})",
    "error.descend.start": "no starting value for {missing} ({name}'s variables: {listed}); a name that is data, "
                           "not a variable to descend in, is held fixed with {at} (such as {example})",
    "error.descend.others": "{name} also has {names}, which is not among its variables ({listed}): descent needs a "
                            "number for every name, so hold each fixed at a value with {at} (such as {example}), "
                            "or add {names} to {vars} (and {start}) to descend in {names} too",
    # the start itself: a value past the float range (a real number) is a different fault from no value
    "error.descend.overflow": "{label} is about {value} at the starting point, past the floating-point range (about "
                              "±1.8e308) that descent computes in: start nearer the minimum or rescale {name}",
    "error.descend.undefined": "{name} or its gradient is not defined (or not real) at the starting point",
    # the run met a kink of f (|x| at 0): the reason is the kink's own error, said in the same language
    "error.descend.kink.start": "gradient descent starts at {point}, where there is no gradient to follow: {reason}",
    "error.descend.kink": "gradient descent reached at step {k} the point {point}, where there is no gradient to "
                          "follow: {reason}",
    "error.backprop.activation.ce": "cross-entropy needs outputs between 0 and 1: use {sigmoid} with {ce}",
    "error.backprop.loss": "unknown loss {loss}; choose from {choices}",
    "error.backprop.output": "unknown output {output}; choose from {choices}",
    "error.backprop.pair": "{loss} does not go with {output}: cross-entropy needs outputs between 0 and 1; the "
                           "pairs that work are {binary} (binary), {categorical} (categorical), and {mse} with any "
                           "output",
    "error.practice.shortfall": "found only {found} exercises of the {count} asked for that use exactly {rules}; "
                                "these rules may not combine on their own that often (add another rule, such as a "
                                "function family, or ask for fewer)",
    "error.practice.shortfall.one": "found only {found} exercise of the {count} asked for that use exactly {rules}; "
                                    "these rules may not combine on their own that often (add another rule, such as "
                                    "a function family, or ask for fewer)",
    "error.practice.rule.unknown": "unknown rule {rule}; choose from {rules}",
    "error.practice.rule.meant": "unknown rule {rule}; did you mean {meant}? choose from {rules}",
    "error.practice.rule.none": "name at least one rule (--rules chain,product)",
    "error.file.hint": "{error}; to read expressions from the file, use {option}",
    "error.matrix.numpy.at": "unexpected character '@': in symdiff '*' is the matrix product: write {example}",
    "error.matrix.numpy.dot": "'{call}(…)' is NumPy's: in symdiff '*' is the matrix product: write {example}",
    "error.matrix.numpy.call": "'{call}(…)' is NumPy's: write {example}",
    "error.matrix.numpy.method": "'.{method}' is NumPy's: write {example}",
    "error.matrix.numpy.module": "'{module}.{name}' is Python's module syntax: write {name}(…) without '{module}.'",
    "error.matrix.shape": "{name} has no shape: add {option} (a scalar is {scalar})",
    "error.matrix.shapes": "{names} and {last} have no shape: add {options} (a scalar is NAME=1,1)",
    # where in the input
    "error.in.answer": "the answer: {error}",
    "error.in.variable": "the variable: {error}",
    "error.partial.order": "'{text}' is not a variable name; partial takes EXPR VAR... in that order: the expression "
                           "first, then its variables",
    "error.partial.file_order": "'{text}' is not a variable name; with {option} the expressions come from the file, "
                                "so give only the variables",
    "error.in.variable.order": "the variable: {error}; check takes EXPR VAR ANSWER in that order: the expression, "
                               "the variable, then the answer",
    "error.in": "in {what}: {error}",
    # how an error is introduced
    "error.usage": "usage error",
    "error.usage.line": "Usage: {usage}",
    "error.usage.help_hint": "Try '{command}' for help.",
    "error.usage.missing": "missing {what} {name}",
    "error.usage.missing.option": "option",
    "error.usage.missing.argument": "argument",
    "error.usage.no_hidden_layer": "{activation_option} sets the hidden layers' function, and {layers_option} {layers} "
                                   "has no hidden layer: the output layer's function is {output_option} (identity, "
                                   "sigmoid or softmax); for a {activation} output use the one-layer form, such as "
                                   "{one_layer}",
    "error.usage.layers_and_sizes": "{inputs_option} and {outputs_option} are the sizes of the one-layer form; with {layers_option}, the "
                                    "first size is the input's and the last the output's, such as {example}",
    "error.usage.lr_without_values": "{lr_option} takes a step from numbers: give x, t and every W and b with {at_option}",
    "error.lr.not_number": "{option} is a number such as 0.1 (an int, float, Fraction or Decimal), not {value}",
    "error.lr.not_finite": "{option} must be a finite number, not {value}",
    "error.lr.not_positive": "{option} must be greater than 0 (a step goes against the gradient), not {value}",
    "error.lr.over": "{option} {value} is over {limit}; a learning rate is usually between 0.001 and 1",
    "error.lr.over.huge": "{option} is over {limit}; a learning rate is usually between 0.001 and 1",
    "error.lr.under": "{option} {value} is below {limit}, the smallest number a float holds in full precision; a "
                      "learning rate is usually between 0.001 and 1",
    # the command line's own usage errors (symdiff.app.cli); options are values, as in every sentence
    "error.usage.no_input": "give an expression (or {file_option} PATH, or - for standard input)",
    "error.usage.check_arguments": "give EXPR VAR ANSWER (or {file_option} PATH)",
    "error.usage.descend_arguments": "give EXPR and a starting point {from_option} x=3,y=2",
    "error.usage.matrix_arguments": "give an expression and what to differentiate by: {example}",
    "error.usage.matrix_file": "with {file_option}, give only WRT",
    "error.usage.plot_needs_at": "{plot_option} draws the gradient field around a point: add {at_option}",
    "error.usage.functions_from_input": "with {file_option} or -, the functions come from the input, one "
                                        "'f1; f2; ...' per line",
    "error.usage.stdin_line": "line {number} of standard input: {error}",
    "error.usage.descend_one_function": "descend runs on one function, but standard input has more (lines {first} "
                                        "and {second}); give one, or run descend once for each",
    "error.usage.descend_no_function": "standard input holds no function to descend on",
    "error.usage.network_numbers": "{option} gives numbers to a network given by its sizes: add {layers_option}, "
                                   "such as {example} for one layer of 3 inputs and 2 outputs",
    "error.usage.network_output": "{output_option} chooses the output layer of a network: give the network's sizes "
                                  "with {layers_option}, such as {example}",
    "error.usage.plot_write": "cannot write the plot to {path}: {reason}",
    # Click's own errors, said in Korean under --lang ko (Click words them in English only)
    "error.usage.no_such_option": "no such option: {option}",
    "error.usage.no_such_option.meant": "no such option: {option} (possible options: {meant})",
    "error.usage.needs_value": "option {option} requires a value",
    "error.usage.no_such_command": "no such command: {command}",
    "error.usage.extra_arguments": "unexpected extra arguments: {arguments}",
    "error.usage.extra_shapes": "unexpected extra arguments: {arguments}. Each shape is a value of {option}: "
                                "repeat the option for each one, or quote them together, as in {example}",
    "error.option.choice": "{option} takes one of {choices}",
    "error.option.range": "{option} takes {kind} from {low} to {high}",
    "error.option.positive": "{option} takes a number greater than 0",
    "error.option.nonnegative": "{option} takes a number of 0 or more",
    "error.option.kind.whole": "a whole number",
    "error.option.kind.number": "a number",
    "error.option.dir": "{error} ({option} takes numbers such as {example})",
    "error.option.dir.zero": "the zero vector has no direction",
    "error.option.plot.variables": "draws a function of one or two variables; f has {count} ({names})",
    "error.option.plot.one": "draws one function: give it as EXPR, not with {file_option} or -",
    # why --plot cannot write a picture where it is asked to, and what it cannot draw (symdiff.features.plot)
    "error.plot.install": "plotting needs matplotlib: {command}",
    "error.plot.directory": "{path} is a directory; give a file name such as {example}",
    "error.plot.no_name": "{path} is not a file name",
    "error.plot.link_broken": "{path} is a symbolic link that cannot be followed ({reason})",
    "error.plot.link_loop": "{path} is a symbolic link that cannot be followed (its links go round in a loop)",
    "error.plot.link_directory": "{path} links to the directory {target}",
    "error.plot.not_regular": "{path} exists and is not a regular file",
    "error.plot.read_only": "{path} exists and cannot be written (permission denied)",
    "error.plot.no_directory": "the directory {directory} does not exist",
    "error.plot.link_no_directory": "{path} links to {target}, but the directory {directory} does not exist",
    "error.plot.no_permission": "cannot create files in {directory} (permission denied)",
    "error.plot.extension": "{path} should end in one of the extensions matplotlib writes: {extensions}",
    "error.plot.format": "matplotlib cannot write .{extension} files here: {reason}",
    "error.plot.variables": "{option} draws one or two variables",
    "error.plot.grad": "{option} for grad needs one or two variables and {at_option}",
    "error.plot.no_values": "f has no real value anywhere in the picture",
    "error.option.standalone": "makes a complete LaTeX document: use it with {format_option}",
    "error.option.vars_empty": "names no variable: give them in their order, as x,y, or leave it out to take every "
                               "variable of the function",
    "error.option.dy": "the dependent variable must differ from {dx_option} (both are {dx})",
    "error.option.from.range": "the value of {name} is beyond the floating-point range (about ±1.8e308)",
    "error.option.activation": "{given} is not one of {choices}.",
    "error.option.activation.output": "{given} is not one of {choices}. {name} is a network's output function: "
                                      "use {example}",
    "error.implicit.no_point": "no real point ({x}, {y}) satisfies {equation} ({reason}): it defines no curve, so "
                               "there is no d{y}/d{x} to find",
    "error.implicit.constant": "it comes to {value} = 0",
    "error.implicit.no_root": "as a polynomial in {var} it has no real root",
    "error.implicit.not_real": "the difference of its two sides is real nowhere",
    "error.implicit.sign.positive": "the difference of its two sides is positive everywhere",
    "error.implicit.sign.negative": "the difference of its two sides is negative everywhere",
    "error.implicit.range": "the difference of its two sides takes only values from {low} to {high}, never 0",
    "error.implicit.even.positive": "each term is an even power times a positive number, constant included, so "
                                    "the sum is never 0",
    "error.implicit.even.negative": "each term is an even power times a negative number, constant included, so "
                                    "the sum is never 0",
    # values at a point, and derivatives where f is not smooth (symdiff.scalar.numeric, .smoothness)
    "error.what.result": "the result",
    "error.what.function": "the function",
    "error.what.equation": "the equation",
    "error.what.second_partial": "a second partial",
    "error.value.evaluate": "{what} cannot be evaluated at {point}: {reason}",
    "error.timeout": "no result within the time limit of {seconds} s ({option})",
    "error.memory.small": "{option} {memory} is too small: a worker process needs at least {minimum} MiB (0: no limit)",
    "error.timeout.check": "no verdict within the time limit of {seconds} s ({option}): the answer was not judged, "
                           "neither right nor wrong; check it by hand or allow a longer {option}",
    # why a computation failed, in place of Python's text (symdiff.core.errors.reason_words)
    "error.reason.division": "it divides by zero",
    # a stream that cannot be used (exit 4): what failed, and the system's reason in words where it is a known one
    "error.stream.closed": "cannot write to standard output: it is closed",
    "error.stream.write": "cannot write to standard output: {reason}",
    "error.stream.encoding": "cannot write to standard output: its encoding ({encoding}) cannot hold {char} ({name}); "
                             "set PYTHONIOENCODING=utf-8",
    "error.stream.read": "cannot read {source}: {reason}",
    "error.stream.stdin": "standard input",
    "error.stream.utf16": "it is UTF-16 (it begins with a UTF-16 byte-order mark), and symdiff reads UTF-8 only: "
                          "save it as UTF-8",
    "error.line.overlong": "the line has {length} characters, over the limit of {limit}; it was skipped",
    "error.line.overlong.more": "the line has more than {length} characters, over the limit of {limit}; it was skipped",
    "error.stream.endless": "line {number} goes on past {limit} characters with no line end (endless data?); reading "
                            "stopped",
    # in English, the system's own words, as scripts and earlier releases have them
    "error.reason.os.closed": "it is closed",
    "error.reason.os.full": "No space left on device",
    "error.reason.os.missing": "No such file or directory",
    "error.reason.os.denied": "Permission denied",
    "error.reason.os.directory": "Is a directory",
    "error.reason.os.broken": "Broken pipe",
    "error.reason.too_large": "a number on the way is too large to compute",
    "error.reason.nested": "it is nested too deeply to compute",
    "error.reason.other": "SymPy cannot compute its value",
    "error.value.undefined": "{what} is not defined at {point}",
    "error.value.not_real": "{what} is not real at {point}",
    "error.value.too_large": "{what} is too large to represent at {point}",
    "error.value.part.not_real": "{what} is not real at {point}: {part} has no real value there",
    "error.value.part.undefined": "{what} is not defined at {point}: {part} is not defined there",
    "error.print.too_large": "{what} has more than {limit} terms and factors when printed: too large to print",
    "error.kink.why.one": " ({parts} is not smooth there)",
    "error.kink.why.many": " ({parts} are not smooth there)",
    "error.kink.undecided": "symdiff cannot decide whether {label} exists at {point}{why}, so it gives no value there",
    "error.kink.unbounded": "{label} does not exist at {point}: the slope grows without bound there (a vertical "
                            "tangent, a cusp or a jump){why}",
    "error.kink.not_real": "{label} does not exist at {point}: f is not real and defined on both sides of it{why}",
    "error.kink.corner": "{label} does not exist at {point}: the slope is {left} from the left and {right} from the "
                         "right (a kink){why}",
    "error.kink.incomparable": "symdiff cannot decide whether {label} exists at {point}{why}: the slopes from the "
                               "left ({left}) and the right ({right}) could not be compared",
    "error.delta": "the function is not defined at {point}: {delta} is DiracDelta(0) there, which is not a number",
    "error.not_smooth": "{name} is not smooth at {point}{why}: its partial derivatives exist there, but symdiff "
                        "cannot show that {name} is differentiable there, so it gives no gradient (a stationary "
                        "point, a tangent plane and a direction of steepest ascent all need one)",
    # a check --file record (symdiff.features.answers)
    "error.record": "not a record with expr, var and answer: {problem}",
    "error.record.twice": "the record names {field} twice",
    "error.record.json": "the line is not JSON ({reason})",
    "error.record.json.at": "the line is not JSON ({reason} at column {column})",
    "error.record.object": "a record is a JSON object, and this is {kind}",
    "error.record.missing": "the record has no {names}",
    "error.record.string": "{field} must be a string, not {kind}",
    "error.record.var": "var must be a name, names separated by commas or a list of names, not {kind}",
    "error.kind.list": "a list", "error.kind.object": "an object", "error.kind.string": "a string",
    "error.kind.boolean": "true or false", "error.kind.null": "null", "error.kind.number": "a number",
    # check --file: JSON Lines or CSV (symdiff.app.batch)
    "error.batch.json_lines": "not a JSON record {example}: this input is JSON Lines (decided by line {line})",
    "error.batch.csv_row": "a CSV row that cannot be read: {reason}",
    "error.batch.csv_fields": "the row has {row_count} {row_fields}, the header (line {line}) {header_count} "
                              "{header_fields}: quote a field that holds a "
                              "comma, such as \"log(x, 2)\"",
    "error.batch.not_header": "neither a JSON record {example} nor a CSV header with the columns expr, var, answer; "
                              "the input is read as JSON Lines",
    "error.batch.header_twice": "the CSV header names {names} twice; the input is read as JSON Lines",
    # a line (or an argument) with bytes that are not UTF-8 (symdiff.app.batch.Undecodable)
    "error.batch.not_utf8": "the byte 0x{byte} at column {column} is not UTF-8 (is the text Latin-1 or "
                            "Windows-1252?); symdiff reads UTF-8 only",
    # work in the caller's process (the Python API)
    "error.limit.nested": "the expression is nested too deeply to differentiate",
    "error.limit.printed_digits": "a number in the result has more than 4300 digits, which is past what symdiff "
                                  "prints: differentiate fewer times or use smaller exponents",
}

KO: dict[str, str] = {
    "error.lookalike": "'{ch}' ({name}) 문자는 라틴 문자 '{latin}' 문자처럼 보이지만 다른 문자입니다. '{latin}' 문자를 "
                       "입력해야 합니다.",
    "error.underscore": "이름은 문자로 시작해야 합니다.",
    "error.module": "'{module}.{name}' 꼴은 파이썬의 모듈 문법입니다. '{module}.' 없이 {name}(…) 꼴로 쓰면 됩니다 "
                    "(symdiff는 exp, log, sin 등을 그 이름 그대로 압니다).",
    "error.factorial": "계승(!)은 지원하지 않습니다.",
    "error.comparison": "'{ch}' 기호는 식의 일부가 아닙니다 (여기서는 방정식을 지원하지 않습니다).",
    "error.quotes": "따옴표는 식의 일부가 아닙니다.",
    "error.letter": "'{ch}' ({name}) 문자는 여기에 올 수 없습니다. 이름에는 ASCII 문자나 그리스 문자를 씁니다.",
    "error.digit": "'{ch}' ({name}) 숫자는 여기에 올 수 없습니다. 숫자는 0-9로 씁니다.",
    "error.combining": "결합 부호 U+{code} {name} 문자는 여기에 올 수 없습니다 (터미널은 이를 앞 글자 위에 "
                       "그립니다). 이름과 수에는 악센트를 붙이지 않습니다.",
    "error.character": "'{ch}' 기호는 여기에 올 수 없습니다.",
    "error.character.named": "{shown}(U+{code}{name}) 문자는 여기에 올 수 없습니다.",
    "error.character.line_break": "식 안에 줄바꿈 문자(U+{code}{name})가 있습니다. symdiff는 줄바꿈(\\n, \\r\\n, \\r)에서만 "
                                  "줄을 나누므로 식은 한 줄에 하나씩 씁니다.",
    "error.character.not_utf8": "바이트(0x{byte})는 UTF-8이 아닙니다(Latin-1이나 Windows-1252 텍스트입니까?). "
                                "symdiff는 UTF-8만 읽습니다.",
    "error.name.long": "이름이 제한 길이 {limit}자보다 깁니다.",
    "error.log.base": "{name}{{…}}의 밑은 수나 이름이어야 합니다. 다른 밑은 log(x, base) 꼴로 쓰면 됩니다.",
    "error.subscript": "중괄호 안의 아래 첨자는 x_{{1}}처럼 문자와 숫자여야 합니다.",
    "error.latex.backslash": "역슬래시 뒤에는 LaTeX 명령이 와야 합니다.",
    "error.latex.unknown": "'\\{command}' 기호는 알 수 없는 LaTeX 명령입니다.",
    "error.latex.unsupported": "{what} (\\{command}) 기호는 식 안에서 지원하지 않습니다.",
    "error.latex.what.int": "적분", "error.latex.what.sum": "합", "error.latex.what.prod": "곱",
    "error.latex.what.lim": "극한", "error.latex.what.infty": "무한대", "error.latex.what.nabla": "나블라 연산자",
    "error.latex.base.open": "'\\{command}_' 뒤의 '{{' 기호가 닫히지 않았습니다.",
    "error.latex.base": "'\\{command}_' 뒤에 밑이 있어야 합니다.",
    "error.latex.name": "'\\{command}' 뒤에 '{{name}}' 꼴이 있어야 합니다.",
    "error.latex.not_name": "'\\{command}{{{name}}}' 꼴은 함수나 변수의 이름이 아닙니다.",
    "error.latex.brace": "'{command}' 뒤에 '{{' 기호가 있어야 합니다.",
    "error.latex.brace.found": "'{command}' 뒤에 '{{' 기호가 있어야 하는데 '{found}' {found:기호가} 있습니다.",
    "error.unclosed": "{column}번째 글자인 '{opener}' 기호가 닫히지 않았습니다.",
    "error.mismatch": "'{found}' {found:기호가} {column}번째 글자인 '{opener}' 기호와 짝이 맞지 않습니다.",
    "error.close": "{column}번째 글자인 '{opener}' 기호를 닫는 '{want}' 기호가 있어야 하는데 '{found}' {found:기호가} 있습니다.",
    "error.unmatched": "'{found}' {found:기호와} 짝이 맞는 여는 기호가 없습니다.",
    "error.comma": "함수의 인수 밖에 ',' 기호가 있습니다.",
    "error.comma.functions": "함수의 인수 밖에 ',' 기호가 있습니다. 함수는 ';' 기호로 구분하거나(\"x*y; x + y\") 각각 "
                             "따로 인수로 주고, 변수는 {option} 옵션으로 지정합니다.",
    "error.unexpected": "'{found}' {found:기호는} 여기에 올 수 없습니다.",
    "error.empty": "식이 비어 있습니다.",
    "error.operand.after": "'{op}' 기호 뒤에 피연산자가 있어야 합니다.",
    "error.operand.after.found": "'{op}' 기호 뒤에 피연산자가 있어야 하는데 '{found}' {found:기호가} 있습니다.",
    "error.operand.found": "피연산자가 있어야 하는데 '{found}' {found:기호가} 있습니다.",
    "error.number.after": "피연산자 바로 뒤에는 연산자 없이 수가 올 수 없습니다. '*{found}' 꼴로 쓰면 됩니다.",
    "error.superscript": "위 첨자 '{found}' {found:기호는} 정수가 아닙니다.",
    "error.bar.open": "{column}번째 글자인 '|' 기호가 닫히지 않았습니다.",
    "error.ambiguous.argument": "모호합니다. sin(2(x+1))처럼 함수의 인수 전체를 괄호로 묶어야 합니다.",
    "error.undefined": "이 값은 정의되지 않습니다 (0으로 나누거나 log(0)을 구합니다).",
    "error.infinite": "이 값은 무한대입니다.",
    "error.not_real": "이 값은 실수가 아닙니다.",
    "error.division": "0으로 나눌 수 없습니다.",
    "error.division.power": "0으로 나눌 수 없습니다 (0의 음의 거듭제곱).",
    "error.root.zero": "0제곱근은 정의되지 않습니다.",
    "error.root.call.zero": "root(x, 0)은 정의되지 않습니다.",
    "error.complex": "{value} 값은 실수가 아닙니다 (SymPy는 여기서 복소수 주값을 택합니다).",
    "error.log.base.value": "로그의 밑은 1이 아닌 양수여야 하는데 {base} 값이 주어졌습니다.",
    "error.limit.length": "식의 길이가 {length}자로, 제한 {limit}자를 넘습니다.",
    "error.limit.literal": "{digits}자리 수는 제한 {limit}자리를 넘습니다.",
    "error.limit.exponent": "지수 {exponent} 값이 제한 {limit}보다 큽니다.",
    "error.limit.root": "{base}의 지수의 분모가 약 {digits}자리로, 제한 {limit}자리를 넘습니다.",
    "error.limit.digits": "이 계산은 약 {digits}자리 수를 만들어 제한 {limit}자리를 넘습니다.",
    "error.limit.precision": "정밀도가 약 {digits}자리인 부동소수점 수는 제한 {limit}자리를 넘습니다.",
    "error.limit.power": "{base}^{exponent} 값은 {digits}의 수가 되어 제한 {limit}자리를 넘습니다.",
    "error.digits.about": "약 {digits}자리",
    "error.digits.huge": "어떤 컴퓨터도 담을 수 없는 자릿수",
    "error.limit.literal.exponent": "{literal}의 지수가 제한 {limit}자리를 넘습니다.",
    "error.limit.function": "이렇게 큰 수({shown})의 {name} 값은 {limit}자리보다 깁니다.",
    "error.limit.depth": "괄호나 함수의 중첩이 제한 깊이 {limit}보다 깊습니다.",
    "error.equation": "'=' 기호는 식의 일부가 아닙니다 (여기서는 방정식을 지원하지 않습니다).",
    "error.equation.second": "'=' 기호가 두 번 있습니다. 정의에는 하나만 씁니다 (f(x) = …).",
    "error.equation.brackets": "괄호 안의 '=' 기호는 식의 일부가 아닙니다.",
    "error.equation.nothing": "{name} 정의의 '=' 뒤에 아무것도 없습니다.",
    "error.equation.both": "{name} 기호가 '=' 양쪽에 있으므로 이것은 정의가 아니라 방정식입니다. 곡선을 따라 "
                           "미분하려면 다음 명령을 씁니다 ({command}).",
    "error.equation.curve": "'=' 기호 때문에 이것은 식이 아니라 방정식입니다. 곡선을 따라 미분하려면 다음 명령을 "
                            "씁니다 ({command}).",
    "error.equation.taken.e": "'{name}' {name:기호는} 자연로그의 밑 e이므로 함수의 이름이 될 수 없습니다. f(x) = …나 "
                              "y = …처럼 다른 이름을 써야 합니다.",
    "error.equation.taken.pi": "'{name}' {name:기호는} 원주율 pi이므로 함수의 이름이 될 수 없습니다. f(x) = …나 "
                               "y = …처럼 다른 이름을 써야 합니다.",
    "error.equation.taken.function": "'{name}' {name:기호는} 이미 {name} 함수를 가리키므로 새 함수의 이름이 될 수 없습니다. "
                                     "f(x) = …나 y = …처럼 다른 이름을 써야 합니다.",
    "error.equation.taken": "'{name}' {name:기호는} symdiff가 쓰는 이름이므로 함수의 이름이 될 수 없습니다. f(x) = …나 "
                            "y = …처럼 다른 이름을 써야 합니다.",
    "error.equation.name": "'=' 기호는 식의 일부가 아닙니다. 함수에 이름을 붙이려면 f(x) = …나 y = … 꼴로 씁니다.",
    "error.definition.same": "'{name}' {name:기호가} 함수와 그 변수를 함께 가리킵니다. f({name}) = …처럼 함수에 다른 "
                             "이름을 붙여야 합니다.",
    "error.definition.undeclared": "{var:은/는} {function}의 변수가 아닙니다. 선언한 대로라면 {var:은/는} 이 함수의 "
                                   "상수입니다. {var}에 대해 미분하려면 {fixed} = …처럼 선언합니다.",
    "error.definition.variable": "'=' 기호 때문에 '{name}' {name:기호는} 정의되는 함수를 가리키므로 미분하는 변수가 "
                                 "될 수 없습니다. 방정식이라면 다음 명령을 씁니다 ({command}).",
    "error.definition.twice": "'{name}' {name:기호가} '=' 왼쪽에 두 번 있습니다. {function}(…)의 변수는 서로 다른 이름이어야 "
                              "합니다.",
    "error.operator.nothing": "'{op}' 기호 뒤에 미분할 식이 없습니다.",
    "error.operator.start": "'{op}' 기호는 미분 기호이지 식의 일부가 아닙니다. 식만 주면 됩니다 (예: {command}).",
    "error.operator.order": "'{op}' 기호는 미분 기호이지 식의 일부가 아닙니다 ({order}계 도함수이면 변수를 "
                            "{order}번 줍니다). 식만 주면 됩니다 (예: {command}).",
    "error.operator.inside": "미분 기호 '{op}' 기호는 식 전체의 맨 앞에만 올 수 있습니다 (symdiff partial 명령이 "
                             "미분합니다).",
    "error.partial.sign": "편미분 기호(∂)는 식 안에서 지원하지 않습니다. 함수를 쓰고 변수를 따로 주면 됩니다 "
                          "({command}).",
    # {product} is a sentence of its own (…꼴로 써야 합니다.): it follows, not in brackets before a second full stop
    "error.function.unknown": "symdiff는 '{name}' 함수를 알지 못합니다. {meant} 함수를 뜻한 것입니까? {product}",
    "error.function.unknown.product": "symdiff는 '{name}' 함수를 알지 못합니다. {product}",
    "error.function.product": "곱을 뜻한다면 '{name}*(…)' 또는 '{name} (…)' 꼴로 써야 합니다.",
    "error.root.index": "'sqrt['는 뜻이 모호합니다. 세제곱근은 'root(x, 3)' 또는 '\\sqrt[3]{{x}}', 제곱근은 "
                        "'sqrt(…)' 꼴로 써야 합니다.",
    "error.index": "'{name}['처럼 쓰는 인덱스 표기는 식에서 쓸 수 없습니다. 첨자가 붙은 변수는 '{name}_0', 곱은 "
                   "'{name}*[…]' 또는 '{name} […]' 꼴로 써야 합니다.",
    "error.function.max": "symdiff는 {name} 함수를 미분하지 않습니다. {call} 대신 {spelled} 꼴로 쓰면 됩니다.",
    "error.function.min": "symdiff는 {name} 함수를 미분하지 않습니다. {call} 대신 {spelled} 꼴로 쓰면 됩니다 "
                          "(min(0, u) = −relu(−u)).",
    "error.function.sum": "여기서는 symdiff가 {name} 함수를 미분하지 않습니다. 벡터의 합은 symdiff matrix 명령으로 벡터의 "
                          "꼴과 함께 씁니다. {command}",
    "error.function.unsupported": "symdiff는 {name} 함수를 미분하지 않습니다. '{name}' 함수는 지원하지 "
                                  "않습니다.",
    "error.function.unsupported.hint": "symdiff는 {name} 함수를 미분하지 않습니다. '{name}' 함수는 지원하지 "
                                       "않습니다 (이름이 {name}인 변수라면 {option} 꼴로 선언합니다).",
    "error.function.log.glued": "'{name}' 이름은 변수 하나의 이름으로 읽힙니다. 밑이 {base}인 로그는 {spelled} "
                                "또는 {spaced} 꼴로 써야 합니다.",
    "error.function.log.word": "symdiff는 '{name}' 함수를 알지 못합니다. 밑이 {base}인 로그는 {spelled} 꼴로 "
                               "써야 합니다.",
    "error.function.glued": "'{name}' 이름은 변수 하나의 이름으로 읽힙니다. 함수를 뜻한다면 {spelled} 꼴로 "
                            "써야 합니다.",
    "error.function.glued.alone": "'{name}' 이름은 변수 하나의 이름으로 읽힙니다. 함수를 뜻한다면 {spelled} "
                                  "또는 {spaced} 꼴로 써야 합니다.",
    "error.function.glued.call": "'{name}' 이름은 함수가 아닙니다. 문자가 이어진 것은 하나의 이름입니다. {before} "
                                 "곱하기 {function}(…)은 {spelled} 꼴로 써야 합니다.",
    "error.function.glued.times": "'{name}' 이름은 변수 하나의 이름으로 읽힙니다. {before} 곱하기 {function}(…)은 "
                                  "{spelled} 꼴로 써야 합니다.",
    "error.name.glued.number": "'{name}' 이름은 수 {number} 바로 뒤에 붙어 있어 읽는 사람에게는 {spelled}의 곱으로 "
                               "보이지만 변수 하나의 이름으로 읽힙니다. 곱을 뜻한다면 {spelled} 꼴로, 이름 하나를 "
                               "뜻한다면 {declare} 옵션과 함께 {name_spelled} 꼴로 써야 합니다.",
    "error.name.glued.letters": "'{name}' 이름은 변수 하나의 이름으로 읽히지만, 문자 {letters} 또한 식에 따로 "
                                "있습니다. 곱을 뜻한다면 {spelled} 꼴로 써야 하고, 이름 하나를 뜻한다면 {declare} "
                                "옵션으로 알려 주어야 합니다.",
    "error.function.power.number": "'{found}' {found:기호} 뒤에 수가 있어야 합니다.",
    "error.function.power.inverse": "'{name}'의 {power}제곱은 모호합니다. 역함수는 a{name}(x), 역수는 1/{name}(x) "
                                    "꼴로 써야 합니다.",
    "error.function.power": "함수 이름 뒤에는 양의 정수 거듭제곱만 올 수 있습니다 ({name}^2 x). {name}(x)^({power}) "
                            "꼴로 써야 합니다.",
    "error.function.argument": "'{name}' 함수 뒤에 인수가 있어야 하는데 '{found}' {found:기호가} 있습니다.",
    "error.function.argument.end": "'{name}' 함수 뒤에 인수가 있어야 하는데 식이 끝났습니다.",
    "error.function.arguments": "{name} 함수의 인수는 {want}개인데 {got}개가 주어졌습니다.",
    "error.function.arguments.one": "{name} 함수의 인수는 {want}개인데 {got}개가 주어졌습니다.",
    "error.function.arguments.either": "{name} 함수의 인수는 {one}개 또는 {other}개인데 {got}개가 주어졌습니다.",
    "error.function.value": "{name} 함수의 값을 구할 수 없습니다. {reason}",
    "error.variable.not_name": "'{text}' {text:기호는} 변수 이름이 아닙니다.",
    "error.variable.point": "'{text}' {text:기호는} 변수 이름이 아닙니다 (한 점의 값처럼 보입니다. {option} 옵션의 값은 "
                            "{example}처럼 쉼표로 구분합니다).",
    "error.variable.constant": "'{name}' {name:기호는} 상수이지 변수가 아닙니다.",
    "error.point.pair": "값은 x=3처럼 이름=값 꼴로 써야 하는데 '{found}' {found:기호는} 그 꼴이 아닙니다.",
    "error.point.pair.number": "값은 x={found}처럼 이름=값 꼴로 써야 하는데 이름 없이 '{found}'만 있습니다.",
    "error.point.pair.name": "값은 {found}=3처럼 이름=값 꼴로 써야 하는데 값 없이 '{found}'만 있습니다.",
    "error.point.twice": "{name}의 값이 두 번 주어졌습니다.",
    "error.point.value": "{name}의 값을 읽을 수 없습니다. {error}",
    "error.point.number": "{name}의 값으로 주어진 {found:은/는} 수가 아닙니다. {name}의 값은 수여야 합니다.",
    "error.point.missing": "{names}의 값이 없습니다. {option} 옵션에 {names}의 값을 추가해야 합니다.",
    "error.variables.twice": "{option} 옵션에 {names} 변수가 두 번 있습니다. 변수마다 한 번씩 원하는 순서로 씁니다.",
    "error.variable.which": "미분할 변수를 주어야 합니다 (식의 변수: {names}).",
    "error.variable.none": "미분할 변수를 주어야 합니다 (식에 변수가 없습니다).",
    "error.variable.unknown": "{option} 옵션의 {names} 변수는 식의 변수({variables})가 아닙니다.",
    "error.direction.size": "{option} 옵션의 성분은 {got}개인데 f의 변수는 {want}개입니다.",
    "error.direction.size.one": "{option} 옵션의 성분은 {got}개인데 f의 변수는 {want}개입니다.",
    "error.direction.size.single": "{option} 옵션의 성분은 {got}개인데 f의 변수는 {want}개입니다.",
    "error.direction.size.one.single": "{option} 옵션의 성분은 {got}개인데 f의 변수는 {want}개입니다.",
    "error.direction.zero": "{option} 옵션의 벡터는 영벡터이므로 방향이 없습니다.",
    "error.implicit.same": "종속변수와 독립변수는 서로 달라야 합니다 (둘 다 {name}입니다).",
    "error.tangent.absent": "{option}에 {f}에 없는 변수 {names:이/가} 있습니다. 접점의 좌표는 {f}의 변수 "
                            "{variables}마다 하나씩만 줍니다.",
    "error.matrix.length": "식의 길이가 {length}자로, 제한 {limit}자를 넘습니다.",
    "error.matrix.underscore": "이름은 문자로 시작해야 하는데 {found} 이름이 있습니다.",
    "error.matrix.depth": "식의 중첩이 제한 깊이 {limit}보다 깊습니다.",
    "error.matrix.empty": "식이 비어 있습니다.",
    "error.matrix.operator": "{found} 앞에 연산자가 있어야 합니다 (행렬의 곱에는 *를 씁니다).",
    "error.matrix.unexpected": "{found} 기호는 여기에 올 수 없습니다.",
    "error.matrix.unclosed": "이 괄호가 닫히지 않았습니다.",
    "error.matrix.declared": "{name} 기호는 꼴을 선언한 행렬이지 함수가 아닙니다 ({product}).",
    "error.matrix.operand.after": "{found} 기호 뒤에 피연산자가 있어야 합니다.",
    "error.matrix.operand": "피연산자가 있어야 합니다.",
    "error.matrix.function": "{name} 기호는 함수입니다. {name}(...) 꼴로 써야 합니다.",
    "error.matrix.shape": "{name}의 꼴이 주어지지 않았습니다. {option} 꼴로 더해야 합니다 (스칼라는 {scalar}).",
    "error.matrix.shapes": "{names}, {last}의 꼴이 주어지지 않았습니다. {options} 꼴로 더해야 합니다 (스칼라는 이름=1,1).",
    "error.matrix.unknown": "{name} 기호는 symdiff가 알지 못하는 행렬 함수입니다.",
    "error.matrix.unknown.meant": "{name} 기호는 symdiff가 알지 못하는 행렬 함수입니다. {meant} 함수를 뜻한 것입니까?",
    "error.implicit.equals": "방정식에는 '=' 기호가 정확히 하나 있어야 합니다 (예: x**2 + y**2 = 25).",
    "error.implicit.side.empty": "방정식의 한쪽 변이 비어 있습니다.",
    "error.implicit.fy.zero": "{partial:이/가} 어디서나 0이므로 이 방정식은 {y:을/를} {x}의 함수로 정하지 않습니다.",
    "error.network.size.reserved": "{name} {value} 값은 신경망의 기호(x, t, z, L, W1, b1, y1, a1, ...) 중 하나의 "
                                   "이름입니다. 층의 유닛 수에는 n이나 h 같은 다른 이름을 씁니다.",
    "error.network.size": "{name} 값은 층의 유닛 수이므로 1부터 9999까지의 수이거나 n처럼 문자로 시작하는 이름이어야 "
                          "하는데 {value} 값이 주어졌습니다.",
    "error.network.layers.size": "{option} {layers}: {count}개 중 {n}번째 유닛 수({role})로 {value} 값이 "
                                 "주어졌습니다. 층의 유닛 수는 1부터 9999까지이므로 그 범위의 자연수나 n처럼 문자로 "
                                 "시작하는 이름을 씁니다.",
    "error.network.layers.size.reserved": "{option} {layers}: {count}개 중 {n}번째 유닛 수({role})로 주어진 {value} 값은 "
                                          "신경망의 기호(x, t, z, L, W1, b1, y1, a1, ...) 중 하나의 이름입니다. "
                                          "층의 유닛 수에는 n이나 h 같은 다른 이름을 씁니다.",
    "error.network.layers.size.number": "{option} {layers}: {count}개 중 {n}번째 유닛 수({role})로 주어진 {value} 값은 "
                                        "이름이 아니라 수나 상수로 읽힙니다. 층의 유닛 수에는 1부터 9999까지의 자연수나 "
                                        "n, h 같은 이름을 씁니다.",
    "error.network.size.number": "{name} {value} 값은 이름이 아니라 수나 상수로 읽힙니다. 층의 유닛 수에는 1부터 "
                                 "9999까지의 자연수나 n, h 같은 이름을 씁니다.",
    "error.network.size.letter": "{name} {value} 값에 있는 {letter}({char}) 글자는 이 이름에 쓸 수 없습니다. 이런 이름은 "
                                 "n이나 h1처럼 영문자, 숫자, _로 씁니다.",
    "error.network.layers.size.letter": "{option} {layers}: {count}개 중 {n}번째 유닛 수({role})로 주어진 {value} 값에 "
                                        "있는 {letter}({char}) 글자는 이 이름에 쓸 수 없습니다. 이런 이름은 n이나 h1처럼 영문자, "
                                        "숫자, _로 씁니다.",
    "error.values.twice": "{option} 값에 '{name}' {name:기호가} 두 번 주어졌습니다. 값마다 한 번씩만 씁니다.",
    "error.values.at": "{option}: {message}",
    "error.values.slip": "{name} 대신 {typed}",
    "error.values.no_file": "{option}: {path} 파일이 없습니다. JSON 파일이나 {{로 시작하는 JSON 텍스트를 씁니다.",
    "error.values.directory": "{option}: {path:은/는} JSON 파일이 아니라 디렉터리입니다.",
    "error.values.empty_file": "{option} 파일 {path} 내용이 비어 있습니다(쓰는 쪽이 없는 FIFO는 비어 있는 것으로 "
                               "읽습니다). x, t와 모든 W, b를 JSON으로 씁니다.",
    "error.values.where.text": "{option} 텍스트",
    "error.values.where.file": "{option} 파일 {path}",
    "error.values.where.mapping": "주어진 값",
    "error.values.json": "{where} 내용은 JSON이 아닙니다: {line}번째 줄 {column}번째 열에서 JSON 문법이 맞지 않습니다.",
    "error.values.object": "{where} 내용은 {example}처럼 이름이 붙은 값들의 JSON 객체여야 합니다.",
    "error.values.missing": "{option}에 {missing}의 값이 없습니다. 신경망 {layers_option} {layers}에는 "
                            "{needed}의 값이 필요합니다.",
    "error.values.missing.case": "{option}에 {missing}의 값이 없습니다. 신경망 {layers_option} {layers}에는 "
                                 "{needed}의 값이 필요합니다 (이름은 대소문자를 구별합니다: {slips}?).",
    "error.values.extra": "{option}에 신경망 {layers_option} {layers}에 없는 이름 {extra}의 값이 있습니다. 이 "
                          "신경망의 값은 {needed}입니다.",
    "error.values.shape": "{name}의 꼴은 {form}이어야 하는데 주어진 값의 꼴은 {got}입니다.",
    "error.values.shape.why": "{name}의 꼴은 {form}이어야 하는데({why}) 주어진 값의 꼴은 {got}입니다.",
    "error.values.not_number": "{name}{at}의 값 {value:은/는} 수가 아닙니다 (수는 int, float, Fraction, Decimal입니다).",
    "error.values.not_finite": "{name}{at}의 값 {value:은/는} 유한한 수가 아닙니다.",
    "error.values.too_large": "{name}{at}의 값 {value:은/는} 너무 큽니다. 원소의 절댓값은 {limit} 이하여야 합니다.",
    "error.values.over": "{name}{at}의 값이 {limit}보다 큽니다. 원소의 절댓값은 {limit} 이하여야 합니다.",
    "error.values.unreadable": "{name}{at}의 값 {value:은/는} 수로 읽을 수 없습니다.",
    "error.values.digits": "{option} 값에 {count}자리 수가 있습니다. 수는 {limit}자리까지만 읽습니다.",
    "error.values.characters": "{option} 값에 {count}글자로 된 수가 있습니다. 수는 {limit}글자까지만 읽습니다.",
    "error.values.not_list": "{name}의 값이 {value:으로/로} 주어졌습니다. {example} 꼴로 씁니다.",
    "error.values.empty": "{name}의 값이 빈 리스트입니다. {example} 꼴로 씁니다.",
    "error.values.flat": "{name}의 값은 [[1, 2], [3, 4]]처럼 행의 리스트로 쓴 행렬{of_shape}이어야 하는데 수 "
                         "{count}개의 평평한 리스트가 주어졌습니다.",
    "error.values.mixed": "{name}의 값에 수와 리스트가 섞여 있습니다. {example} 꼴로 씁니다.",
    "error.values.row.empty": "{name}의 {row}번째 행이 비어 있습니다. {example} 꼴로 씁니다.",
    "error.values.row.length": "{name}의 {row}번째 행에는 성분이 {length}개, 1번째 행에는 {width}개 있습니다. "
                               "행렬의 행은 모두 길이가 같아야 합니다.",
    "error.values.size_from": "{name}에서 {size} = {n}",
    "error.values.list": "{head}, {tail}",
    "error.values.deep": "{where} 내용의 리스트가 너무 깊이 중첩되어 있습니다. 행렬은 수로 된 행의 리스트입니다.",
    "error.values.example.vector": "[1, 2] 또는 [[1], [2]]",
    "error.values.example.matrix": "[[1, 2], [3, 4]] 같은 행의 리스트",
    "error.network.activations.count": "{option}에는 모든 은닉층에 쓸 활성화 함수 하나나 은닉층마다 하나씩을 "
                                       "씁니다. {layers_option} {layers}의 은닉층은 {hidden}개인데 {given}개가 "
                                       "주어졌습니다.",
    "error.network.activations.count.one": "{option}에는 모든 은닉층에 쓸 활성화 함수 하나나 은닉층마다 하나씩을 "
                                       "씁니다. {layers_option} {layers}의 은닉층은 {hidden}개인데 {given}개가 "
                                       "주어졌습니다.",
    "error.network.role.input": "입력층",
    "error.network.role.output": "출력층",
    "error.network.role.hidden": "은닉층 {k}",
    "error.network.layers.few": "{option} 옵션에는 입력층과 출력층의 유닛 수, 적어도 두 개가 있어야 합니다 (예: 4,3,2). "
                                "주어진 값은 {got}입니다.",
    "error.network.layers.many": "{option} 옵션에는 층의 유닛 수를 많아야 {most}개({layers}개 층)까지 쓸 수 "
                                 "있는데 {got}개가 주어졌습니다.",
    "error.option.invalid": "{option} 옵션의 값이 잘못되었습니다. {reason}",
    "error.matrix.zero_power": "'{span}': {base:이/가} 0이므로 0으로 나누게 됩니다.",
    "error.matrix.exponent.limit": "지수 {k:이/가} 제한 {limit}보다 큽니다.",
    "error.matrix.number.digits": "'{span}' 값은 약 {digits}자리가 되어 제한 {limit}자리를 넘습니다.",
    "error.matrix.power.square": "'{span}': 거듭제곱은 정사각행렬에만 정의되는데 이 행렬의 꼴은 {shape}입니다.",
    "error.matrix.power.whole": "'{span}': 행렬의 거듭제곱 지수는 정수여야 하는데 {k} 값이 주어졌습니다.",
    "error.matrix.square": "'{span}': {fn} 함수는 정사각행렬에만 쓸 수 있는데 이 행렬의 꼴은 {shape}입니다.",
    "error.matrix.tensor.vector_by_matrix": "{f_shape} 벡터 {expr:을/를} {x_shape} 행렬 {wrt:으로/로} 미분하면 3계 텐서가 "
                                            "되는데, symdiff는 텐서를 출력하지 않습니다. 대신 그 스칼라 함수(손실, 대각합, "
                                            "노름)를 미분하면 됩니다.",
    "error.matrix.tensor.matrix_by_vector": "{f_shape} 행렬 {expr:을/를} {x_shape} 벡터 {wrt:으로/로} 미분하면 3계 텐서가 "
                                            "되는데, symdiff는 텐서를 출력하지 않습니다. 대신 그 스칼라 함수(손실, 대각합, "
                                            "노름)를 미분하면 됩니다.",
    "error.matrix.tensor.matrix_by_matrix": "{f_shape} 행렬 {expr:을/를} {x_shape} 행렬 {wrt:으로/로} 미분하면 4계 텐서가 "
                                            "되는데, symdiff는 텐서를 출력하지 않습니다. 대신 그 스칼라 함수(손실, 대각합, "
                                            "노름)를 미분하면 됩니다.",
    "error.matrix.exponent": "지수는 2, -1, (1/2)처럼 수여야 합니다.",
    "error.matrix.exponent.transpose": "지수는 2, -1, (1/2)처럼 수여야 합니다. 여기서는 T의 꼴이 선언되어 있어 ^T를 "
                                       "전치로 읽지 않으므로 x' 또는 x.T 꼴로 씁니다.",
    "error.matrix.size": "행과 열의 개수는 자연수이거나 n처럼 문자로 시작하는 이름이어야 하는데 {value} 값이 "
                         "주어졌습니다.",
    "error.matrix.size.number": "행과 열의 개수는 자연수이거나 n처럼 문자로 시작하는 이름이어야 하는데 {value} 값은 "
                                "이름이 아니라 수나 상수로 읽힙니다.",
    "error.matrix.size.digit": "행과 열의 개수에는 숫자 0-9를 씁니다. {digit}({name}) 문자는 쓸 수 없습니다.",
    "error.matrix.size.limit": "행과 열의 개수 {size:이/가} 제한 {limit}보다 큽니다.",
    "error.matrix.size.letter": "행과 열의 개수를 나타내는 이름 {value}에 있는 {letter}({char}) 글자는 이 이름에 "
                                "쓸 수 없습니다. 이런 이름은 n이나 h1처럼 영문자, 숫자, _로 씁니다.",
    "error.matrix.expected.open": "'(' 기호가 있어야 합니다.",
    "error.matrix.expected.separator": "',' 또는 ')' 기호가 있어야 합니다.",
    "error.shape.form": "꼴은 x=n,1이나 A=3,3처럼 이름=행,열 형태로 써야 하는데 {text} 값이 주어졌습니다.",
    "error.shape.sizes": "행과 열의 개수를 행,열처럼 두 개(열벡터 n×1은 n 하나) 써야 하는데 {dims} 값이 주어졌습니다.",
    "error.shape.declare": "{option} {name}=행,열",
    "error.shape.declare.api": "shapes={{\"{name}\": (행, 열)}}",
    "error.shape.declare.and": "{first} {rest}",
    "error.shape.identity": "I는 단위행렬이므로 꼴을 선언할 수 없습니다.",
    "error.shape.twice": "{name:이/가} 서로 다른 두 꼴({first}, {second})로 선언되었습니다.",
    "error.matrix.identity_size": "주변의 식으로는 I의 꼴을 알 수 없습니다. eye(n) 꼴로 써야 합니다.",
    "error.matrix.add": "'{sum}': {left} 꼴과 {right} 꼴은 서로 달라서 더할 수 없습니다.",
    "error.matrix.subtract": "'{sum}': {left} 꼴과 {right} 꼴은 서로 달라서 뺄 수 없습니다.",
    "error.matrix.add.scalar": "'{sum}': {left} 꼴과 {right} 꼴은 서로 달라서 더할 수 없습니다. 스칼라는 행렬의 "
                               "원소마다 더해지지 않으므로, 모든 원소에 {scalar:을/를} 더하려면 {ones:으로/로} 씁니다.",
    "error.matrix.subtract.scalar": "'{sum}': {left} 꼴과 {right} 꼴은 서로 달라서 뺄 수 없습니다. 스칼라는 행렬의 "
                                    "원소마다 빼지지 않으므로, 모든 원소에서 {scalar:을/를} 빼려면 {ones:으로/로} 씁니다.",
    "error.matrix.number": "피연산자 뒤에 연산자 없이 수가 올 수 없습니다. '*{number}' 꼴로 써야 합니다.",
    "error.matrix.power": "'{power}' 행렬 거듭제곱의 지수가 제한 {limit}보다 큽니다.",
    "error.matrix.divide": "'{quotient}': {right} 행렬로 나누는 것은 정의되지 않습니다. inv(...) 또는 원소별 "
                           "나눗셈 ./를 씁니다.",
    "error.matrix.elementwise": "'{operation}': {left} 꼴과 {right} 꼴이 서로 달라서 원소별 {op} 연산이 "
                                "정의되지 않습니다.",
    "error.matrix.conform": "'{product}' 곱의 꼴이 맞지 않습니다: ({left})·({right})에서 왼쪽 행렬의 열의 개수와 "
                            "오른쪽 행렬의 행의 개수가 다릅니다.",
    "error.descend.constant": "{constants:은/는} {name}의 상수이지 경사 하강법이 움직이는 변수({listed})가 "
                              "아닙니다. 그 값을 {name}에 써 넣거나 {vars} 옵션에 더해야 합니다.",
    "error.descend.variable": "{name}에는 {extra} 변수가 없습니다 ({name}의 변수: {listed}).",
    "error.descend.start": "{missing}의 시작값이 없습니다 ({name}의 변수: {listed}). 하강할 변수가 아닌 데이터는 "
                           "{at} 옵션으로 값을 고정합니다 (예: {example}).",
    "error.descend.others": "{name}에는 변수({listed})가 아닌 {names}도 있습니다. 경사 하강법은 모든 이름의 값이 "
                            "수여야 하므로 각각을 {at} 옵션으로 값에 고정하거나 (예: {example}), {names}에서도 "
                            "하강하려면 {names:을/를} {vars}(와 {start}) 옵션에 더해야 합니다.",
    "error.descend.overflow": "시작점에서 {label}의 값이 약 {value:으로/로}, 경사 하강법이 계산에 쓰는 부동소수점 범위(약 "
                              "±1.8e308)를 넘습니다. 최솟값에 더 가까운 점에서 시작하거나 {name}의 척도를 바꿔야 합니다.",
    "error.descend.undefined": "시작점에서 {name} 또는 그 그래디언트의 값이 정의되지 않거나 실수가 아닙니다.",
    "error.descend.kink.start": "경사 하강법의 시작점 {point}에는 따라갈 그래디언트가 없습니다. {reason}",
    "error.descend.kink": "경사 하강법이 {k}단계에서 도달한 점 {point}에는 따라갈 그래디언트가 없습니다. {reason}",
    "error.backprop.activation.ce": "교차 엔트로피 손실은 출력이 0과 1 사이여야 합니다. {ce}에는 "
                                    "{sigmoid:을/를} 함께 씁니다.",
    "error.backprop.loss": "알 수 없는 손실 함수 {loss}입니다. {choices} 중에서 고릅니다.",
    "error.backprop.output": "알 수 없는 출력층 {output}입니다. {choices} 중에서 고릅니다.",
    "error.backprop.pair": "{loss:과/와} {output:은/는} 함께 쓸 수 없습니다. 교차 엔트로피 손실은 출력이 0과 1 "
                           "사이여야 합니다. 쓸 수 있는 조합은 {binary}(이진 분류), {categorical}(다중 분류), "
                           "그리고 어떤 출력에나 {mse}입니다.",
    "error.practice.shortfall": "요청한 {count}문제 중 규칙 '{rules}'만 정확히 쓰는 문제를 {found}문제만 찾았습니다. 이 "
                                "규칙들끼리는 그만큼 자주 조합되지 않을 수 있습니다 (함수 계열 같은 규칙을 더하거나 "
                                "문제 수를 줄이면 됩니다).",
    "error.practice.shortfall.one": "요청한 {count}문제 중 규칙 '{rules}'만 정확히 쓰는 문제를 {found}문제만 찾았습니다. "
                                    "이 규칙들끼리는 그만큼 자주 조합되지 않을 수 있습니다 (함수 계열 같은 규칙을 "
                                    "더하거나 문제 수를 줄이면 됩니다).",
    "error.practice.rule.unknown": "'{rule}' 규칙은 알 수 없습니다. {rules} 중에서 고르면 됩니다.",
    "error.practice.rule.meant": "'{rule}' 규칙은 알 수 없습니다. {meant} 규칙을 뜻했나요? {rules} 중에서 고르면 "
                                 "됩니다.",
    "error.practice.rule.none": "규칙을 하나 이상 주어야 합니다(예: chain,product).",
    "error.file.hint": "{error} 파일에서 식을 읽으려면 {option} 옵션을 쓰면 됩니다.",
    "error.matrix.numpy.at": "'@' 문자는 여기에 올 수 없습니다. symdiff에서 행렬의 곱은 * 기호이므로 {example} 꼴로 쓰면 됩니다.",
    "error.matrix.numpy.dot": "'{call}(…)' 꼴은 NumPy의 표기입니다. symdiff에서 행렬의 곱은 * 기호이므로 {example} 꼴로 "
                              "쓰면 됩니다.",
    "error.matrix.numpy.call": "'{call}(…)' 꼴은 NumPy의 표기입니다. {example} 꼴로 쓰면 됩니다.",
    "error.matrix.numpy.method": "'.{method}' 꼴은 NumPy의 표기입니다. {example} 꼴로 쓰면 됩니다.",
    "error.matrix.numpy.module": "'{module}.{name}' 꼴은 파이썬의 모듈 문법입니다. '{module}.' 없이 {name}(…) 꼴로 "
                                 "쓰면 됩니다.",
    # the inner error is a sentence of its own, with its full stop: it follows, not in brackets
    "error.in.answer": "제출한 답에 오류가 있습니다. {error}",
    "error.in.variable": "변수에 오류가 있습니다. {error}",
    "error.partial.order": "'{text}' {text:기호는} 변수 이름이 아닙니다. partial은 EXPR VAR..., 곧 식을 먼저, 그다음 변수를 "
                           "받습니다.",
    "error.partial.file_order": "'{text}' {text:기호는} 변수 이름이 아닙니다. {option} 옵션을 쓰면 식은 파일에서 읽으므로 변수만 "
                                "줍니다.",
    "error.in.variable.order": "변수에 오류가 있습니다. {error} check는 EXPR VAR ANSWER, 곧 식, 변수, 답의 순서로 "
                               "받습니다.",
    "error.in": "{what} 값을 읽을 수 없습니다. {error}",
    "error.usage": "사용법 오류",
    "error.usage.line": "사용법: {usage}",
    "error.usage.help_hint": "도움말은 '{command}'{:으로/로} 볼 수 있습니다.",
    # Click's "Missing option '--from'." under --lang ko (its own words are English only)
    "error.usage.missing": "{name} {what:이/가} 필요합니다.",
    "error.usage.missing.option": "옵션",
    "error.usage.missing.argument": "인자",
    # an option is named as a value, followed by 옵션 (its particle then follows 옵션, not the name)
    "error.usage.no_hidden_layer": "{activation_option} 옵션은 은닉층의 활성화 함수를 정합니다. 그런데 {layers_option} "
                                   "{layers}에는 은닉층이 없습니다. 출력층의 함수(identity, sigmoid, softmax)는 "
                                   "{output_option} 옵션으로 정합니다. 출력층을 {activation:으로/로} 하려면 {one_layer}처럼 "
                                   "층이 하나인 형태를 씁니다.",
    "error.usage.layers_and_sizes": "{inputs_option} 옵션과 {outputs_option} 옵션은 층이 하나인 형태의 입력 개수와 출력 개수입니다. {layers_option} 옵션을 "
                                    "쓸 때는 첫 수가 입력의 개수, 마지막 수가 출력의 개수입니다 (예: {example}).",
    "error.usage.lr_without_values": "{lr_option} 옵션은 수치로 한 단계를 계산합니다. {at_option} 옵션으로 x, t와 모든 W, b의 값을 "
                                     "주어야 합니다.",
    "error.lr.not_number": "{option} 옵션에는 0.1 같은 수를 씁니다. {value:은/는} 수가 아닙니다.",
    "error.lr.not_finite": "{option} 옵션에는 유한한 수를 씁니다. {value:은/는} 유한한 수가 아닙니다.",
    "error.lr.not_positive": "{option} 옵션에는 0보다 큰 수를 씁니다(한 단계는 그래디언트의 반대 방향으로 갑니다). "
                             "{value:은/는} 0보다 크지 않습니다.",
    "error.lr.over": "{option} 값 {value:이/가} {limit}보다 큽니다. 학습률은 보통 0.001과 1 사이입니다.",
    "error.lr.over.huge": "{option} 값이 {limit}보다 큽니다. 학습률은 보통 0.001과 1 사이입니다.",
    "error.lr.under": "{option} 값 {value:이/가} 부동소수점 수가 모든 자릿수를 유지하는 가장 작은 수 {limit}보다 "
                      "작습니다. 학습률은 보통 0.001과 1 사이입니다.",
    "error.usage.no_input": "식을 주어야 합니다 ({file_option} PATH로 파일을 주거나, -로 표준 입력에서 읽을 수도 있습니다).",
    "error.usage.check_arguments": "식, 변수, 답(EXPR VAR ANSWER)을 차례로 주어야 합니다 ({file_option} PATH로 파일을 "
                                   "줄 수도 있습니다).",
    "error.usage.descend_arguments": "식과 시작점을 주어야 합니다 (예: {from_option} x=3,y=2).",
    "error.usage.matrix_arguments": "식과 미분할 변수를 주어야 합니다 (예: {example}).",
    "error.usage.matrix_file": "{file_option} 옵션을 쓸 때는 미분할 변수(WRT)만 주어야 합니다.",
    "error.usage.plot_needs_at": "{plot_option} 옵션은 한 점 둘레의 기울기 벡터장을 그립니다. {at_option} 옵션으로 점을 "
                                 "주어야 합니다.",
    "error.usage.functions_from_input": "{file_option} 옵션이나 -를 쓰면 함수는 입력에서 읽습니다. 한 줄에 'f1; f2; ...' "
                                        "꼴로 씁니다.",
    "error.usage.stdin_line": "표준 입력의 {number}번째 줄을 읽을 수 없습니다. {error}",
    "error.usage.descend_one_function": "경사 하강법은 함수 하나에 대해 실행하는데, 표준 입력에 함수가 더 있습니다 "
                                        "({first}번째 줄과 {second}번째 줄). 함수를 하나만 주거나, 함수마다 따로 "
                                        "실행하면 됩니다.",
    "error.usage.descend_no_function": "표준 입력에 경사 하강법을 실행할 함수가 없습니다.",
    "error.usage.network_numbers": "{option} 옵션은 층마다 개수를 준 신경망에 수치를 줍니다. {layers_option} 옵션을 더해야 "
                                   "합니다 (예: 입력 3개, 출력 2개인 층 하나는 {example}).",
    "error.usage.network_output": "{output_option} 옵션은 신경망의 출력층을 정합니다. {layers_option} 옵션으로 각 층의 "
                                  "개수를 주어야 합니다 (예: {example}).",
    "error.usage.plot_write": "그림을 {path}에 저장할 수 없습니다 ({reason}).",
    "error.usage.no_such_option": "{option} 옵션은 이 명령에 없습니다.",
    "error.usage.no_such_option.meant": "{option} 옵션은 이 명령에 없습니다. 비슷한 옵션은 {meant}입니다.",
    "error.usage.needs_value": "{option} 옵션에는 값이 필요합니다.",
    "error.usage.no_such_command": "{command} 명령은 symdiff에 없습니다.",
    "error.usage.extra_arguments": "필요하지 않은 인자가 더 있습니다 ({arguments}).",
    "error.usage.extra_shapes": "필요하지 않은 인자가 더 있습니다 ({arguments}). {option} 옵션은 값마다 한 번씩 "
                                "쓰거나, 여러 값을 {example}처럼 따옴표로 묶어 한 번에 주면 됩니다.",
    "error.option.choice": "{option} 옵션에는 {choices} 가운데 하나를 써야 합니다.",
    "error.option.range": "{option} 옵션에는 {low}부터 {high}까지의 {kind:을/를} 써야 합니다.",
    "error.option.positive": "{option} 옵션에는 0보다 큰 수를 써야 합니다.",
    "error.option.nonnegative": "{option} 옵션에는 0 이상인 수를 써야 합니다.",
    "error.option.kind.whole": "정수",
    "error.option.kind.number": "수",
    "error.option.dir": "{option} 옵션에는 {example}처럼 수를 씁니다. {error}",
    "error.option.dir.zero": "영벡터에는 방향이 없습니다.",
    "error.option.plot.variables": "변수가 하나나 둘인 함수만 그릴 수 있는데, f의 변수는 {count}개입니다 ({names}).",
    "error.option.plot.one": "함수 하나만 그립니다. 함수는 EXPR로 주어야 합니다 ({file_option} 옵션이나 -로는 줄 수 "
                             "없습니다).",
    "error.plot.install": "그림을 그리려면 matplotlib 패키지가 필요하므로 먼저 {command} 명령으로 설치해야 합니다.",
    "error.plot.directory": "{path}에 있는 것은 디렉터리입니다. {example}처럼 파일 이름을 주어야 합니다.",
    "error.plot.no_name": "{path}에는 파일 이름이 없습니다.",
    "error.plot.link_broken": "{path}에 있는 심볼릭 링크를 따라갈 수 없습니다 ({reason}).",
    "error.plot.link_loop": "{path}에 있는 심볼릭 링크를 따라갈 수 없습니다. 링크가 돌고 돌아 제자리로 돌아옵니다.",
    "error.plot.link_directory": "{path}에 있는 링크가 디렉터리 {target}에 연결되어 있습니다.",
    "error.plot.not_regular": "{path}에 이미 있는 것이 일반 파일이 아닙니다.",
    "error.plot.read_only": "{path}에 이미 파일이 있는데 쓰기 권한이 없습니다.",
    "error.plot.no_directory": "{directory} 디렉터리가 없습니다.",
    "error.plot.link_no_directory": "{path}에 있는 링크가 {target}에 연결되어 있는데, {directory} 디렉터리가 없습니다.",
    "error.plot.no_permission": "{directory}에 파일을 만들 권한이 없습니다.",
    "error.plot.extension": "{path}의 확장자는 matplotlib이 쓸 수 있는 {extensions} 중 하나여야 합니다.",
    "error.plot.format": "이 컴퓨터의 matplotlib은 .{extension} 파일을 쓸 수 없습니다 ({reason}).",
    "error.plot.variables": "{option} 옵션은 변수가 하나나 둘인 함수만 그립니다.",
    "error.plot.grad": "grad의 {option} 옵션에는 변수가 하나나 둘인 함수와 {at_option} 옵션이 필요합니다.",
    "error.plot.no_values": "그림의 범위 어디에서도 f의 값이 실수가 아닙니다.",
    "error.option.standalone": "완전한 LaTeX 문서를 만듭니다. {format_option} 옵션과 함께 써야 합니다.",
    "error.option.vars_empty": "변수 이름이 하나도 없습니다. 변수는 x,y처럼 순서대로 쓰며, 이 옵션을 빼면 함수의 "
                               "모든 변수를 씁니다.",
    "error.option.dy": "종속변수는 {dx_option} 옵션의 변수와 달라야 합니다 (둘 다 {dx}입니다).",
    "error.option.from.range": "{name}의 값이 부동소수점 범위(약 ±1.8e308)를 벗어납니다.",
    "error.option.activation": "활성화 함수는 {choices} 가운데 하나를 써야 합니다 (주어진 값: {given}).",
    "error.option.activation.output": "활성화 함수는 {choices} 가운데 하나를 써야 합니다 (주어진 값: {given}). "
                                      "{name:은/는} 신경망의 출력 함수이므로 {example}처럼 씁니다.",
    "error.implicit.no_point": "{equation:을/를} 만족하는 실수 {x}, {y:이/가} 없습니다. {reason} 곡선이 없으므로 "
                               "구할 d{y}/d{x}도 없습니다.",
    "error.implicit.constant": "식을 정리하면 {value} = 0입니다.",
    "error.implicit.no_root": "{var}에 대한 다항식으로서 실근이 없습니다.",
    "error.implicit.not_real": "두 변의 차는 어디에서도 실수가 아닙니다.",
    "error.implicit.sign.positive": "두 변의 차는 어디서나 양수입니다.",
    "error.implicit.sign.negative": "두 변의 차는 어디서나 음수입니다.",
    "error.implicit.range": "두 변의 차는 {low}부터 {high}까지의 값만 가지므로 0이 될 수 없습니다.",
    "error.implicit.even.positive": "모든 항이 짝수 거듭제곱에 양수를 곱한 꼴이고 상수항도 양수이므로 합은 0이 될 수 없습니다.",
    "error.implicit.even.negative": "모든 항이 짝수 거듭제곱에 음수를 곱한 꼴이고 상수항도 음수이므로 합은 0이 될 수 없습니다.",
    "error.name.underscores": "'{name}' 이름은 쓸 수 없습니다. 밑줄을 두 번 잇달아 쓰거나 밑줄로 끝나는 이름은 "
                              "인쇄할 때 거듭제곱이나 빈칸으로 읽힙니다(x__2는 x²으로, x_는 x로 인쇄됩니다).",
    "error.point.separator": "'{fixed}'처럼 값을 쉼표로 구분해야 합니다.",
    # A reason that English puts in brackets inside its sentence is a sentence of its own here
    # (error.kink.why.*), after the full stop of the one it explains.
    "error.what.result": "결과",
    "error.what.function": "함수",
    "error.what.equation": "방정식",
    "error.what.second_partial": "2계 편도함수",
    "error.value.evaluate": "{point}에서 {what:을/를} 계산할 수 없습니다. {reason}",
    "error.timeout": "제한 시간 {seconds}초({option}) 안에 결과를 얻지 못했습니다.",
    "error.memory.small": "{option} {memory} 값은 너무 작습니다. 작업 프로세스에는 최소 {minimum} MiB가 필요합니다 "
                          "(0은 제한 없음).",
    "error.timeout.check": "제한 시간 {seconds}초({option}) 안에 판정하지 못했습니다. 답은 맞다고도 틀리다고도 "
                           "판정되지 않았습니다. 직접 확인하거나 더 긴 {option} 값으로 다시 실행하면 됩니다.",
    "error.reason.division": "0으로 나누게 됩니다.",
    "error.stream.closed": "표준 출력에 쓸 수 없습니다. 표준 출력이 닫혀 있습니다.",
    "error.stream.write": "표준 출력에 쓸 수 없습니다. {reason}",
    "error.stream.encoding": "표준 출력에 쓸 수 없습니다. 표준 출력의 인코딩({encoding})으로는 {char}({name}) 문자를 "
                             "나타낼 수 없습니다. PYTHONIOENCODING=utf-8로 설정하면 됩니다.",
    "error.stream.read": "{source}에서 읽을 수 없습니다. {reason}",
    "error.stream.stdin": "표준 입력",
    "error.stream.utf16": "UTF-16 파일입니다(UTF-16 바이트 순서 표시로 시작합니다). symdiff는 UTF-8만 읽으므로 UTF-8로 "
                          "저장해야 합니다.",
    "error.line.overlong": "이 줄은 {length}자로 한도 {limit}자를 넘으므로 건너뛰었습니다.",
    "error.line.overlong.more": "이 줄은 {length}자가 넘어 한도 {limit}자를 넘으므로 건너뛰었습니다.",
    "error.stream.endless": "{number}번째 줄이 줄 끝 없이 {limit}자를 넘게 이어지므로(끝없는 데이터일 수 있습니다) 읽기를 "
                            "멈췄습니다.",
    "error.reason.os.closed": "닫혀 있습니다.",
    "error.reason.os.full": "장치에 남은 공간이 없습니다.",
    "error.reason.os.missing": "그런 파일이 없습니다.",
    "error.reason.os.denied": "권한이 없습니다.",
    "error.reason.os.directory": "디렉터리입니다.",
    "error.reason.os.broken": "파이프의 반대쪽이 닫혔습니다.",
    "error.reason.too_large": "계산 도중에 나오는 수가 너무 큽니다.",
    "error.reason.nested": "식이 너무 깊이 중첩되어 있습니다.",
    "error.reason.other": "SymPy가 그 값을 계산하지 못합니다.",
    "error.value.undefined": "{what:은/는} {point}에서 정의되지 않습니다.",
    "error.value.not_real": "{what:은/는} {point}에서 실수가 아닙니다.",
    "error.value.too_large": "{what:은/는} {point}에서 너무 커서 부동소수점 수로 나타낼 수 없습니다.",
    "error.value.part.not_real": "{what:은/는} {point}에서 실수가 아닙니다. 이 점에서 {part}의 값이 실수가 아닙니다.",
    "error.value.part.undefined": "{what:은/는} {point}에서 정의되지 않습니다. 이 점에서 {part}의 값이 정의되지 "
                                  "않습니다.",
    "error.print.too_large": "{what:은/는} 출력하면 항과 인수가 {limit}개를 넘으므로 출력하기에 너무 큽니다.",
    "error.kink.why.one": " {parts:은/는} 이 점에서 매끄럽지 않습니다.",
    "error.kink.why.many": " {parts:은/는} 이 점에서 매끄럽지 않습니다.",
    "error.kink.undecided": "{point}에서 {label:이/가} 존재하는지 판단할 수 없으므로 값을 주지 않습니다.{why}",
    "error.kink.unbounded": "{label:은/는} {point}에서 존재하지 않습니다. 이 점에서 기울기가 한없이 커집니다(수직 "
                            "접선, 첨점 또는 불연속점).{why}",
    "error.kink.not_real": "{label:은/는} {point}에서 존재하지 않습니다. f가 이 점의 양쪽에서 실수로 정의되지 "
                           "않습니다.{why}",
    "error.kink.corner": "{label:은/는} {point}에서 존재하지 않습니다. 기울기가 왼쪽에서는 {left}, 오른쪽에서는 "
                         "{right}입니다(꺾인 점).{why}",
    "error.kink.incomparable": "{point}에서 {label:이/가} 존재하는지 판단할 수 없습니다. 왼쪽 기울기({left})와 "
                               "오른쪽 기울기({right})를 비교할 수 없었습니다.{why}",
    "error.delta": "함수는 {point}에서 정의되지 않습니다. 이 점에서 {delta:은/는} DiracDelta(0)이 되는데, 이는 수가 "
                   "아닙니다.",
    "error.not_smooth": "{name:은/는} {point}에서 매끄럽지 않습니다.{why} 편도함수는 존재하지만 {name:이/가} 이 점에서 "
                        "미분가능함을 보일 수 없으므로 그래디언트를 주지 않습니다(정류점, 접평면, 최대 증가 방향 모두 "
                        "그래디언트가 있어야 합니다).",
    "error.record": "expr, var, answer가 있는 기록이 아닙니다. {problem}",
    "error.record.twice": "기록에 {field} 키가 두 번 있습니다.",
    "error.record.json": "이 줄은 JSON이 아닙니다({reason}).",
    "error.record.json.at": "이 줄은 JSON이 아닙니다({column}번째 글자: {reason}).",
    "error.record.object": "기록은 JSON 객체여야 하는데 이 줄은 {kind}입니다.",
    "error.record.missing": "기록에 {names} 키가 없습니다.",
    "error.record.string": "{field} 값은 문자열이어야 하는데 {kind}입니다.",
    "error.record.var": "var 값은 이름, 쉼표로 구분한 이름들 또는 이름의 목록이어야 하는데 {kind}입니다.",
    "error.kind.list": "목록", "error.kind.object": "객체", "error.kind.string": "문자열",
    "error.kind.boolean": "참 거짓 값", "error.kind.null": "null", "error.kind.number": "수",
    "error.batch.json_lines": "{example} 꼴의 JSON 기록이 아닙니다. 이 입력은 JSON Lines로 읽습니다({line}번째 줄에서 "
                              "정했습니다).",
    "error.batch.csv_row": "읽을 수 없는 CSV 행입니다({reason}).",
    "error.batch.csv_fields": "이 행의 필드는 {row_count}개인데 머리글({line}번째 줄)의 필드는 {header_count}개입니다. 쉼표가 "
                              "든 필드는 \"log(x, 2)\"처럼 따옴표로 감싸야 합니다.",
    "error.batch.not_header": "{example} 꼴의 JSON 기록도 아니고 expr, var, answer 열이 있는 CSV 머리글도 아닙니다. 입력은 "
                              "JSON Lines로 읽습니다.",
    "error.batch.header_twice": "CSV 머리글에 {names} 열이 두 번 있습니다. 입력은 JSON Lines로 읽습니다.",
    "error.batch.not_utf8": "{column}번째 열의 바이트(0x{byte})는 UTF-8이 아닙니다(Latin-1이나 Windows-1252 "
                            "텍스트입니까?). symdiff는 UTF-8만 읽습니다.",
    "error.limit.nested": "식이 너무 깊이 중첩되어 있어 미분할 수 없습니다.",
    "error.limit.printed_digits": "결과에 4300자리가 넘는 수가 있어 출력할 수 없습니다. 미분 횟수를 줄이거나 더 작은 "
                                  "지수를 쓰면 됩니다.",
}
