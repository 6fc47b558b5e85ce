//! flyconf's own TOML data files (template metadata, the price table) into
//! serde types: parsed by the TOML parser fly.toml is read with, turned
//! into a JSON value, and deserialised by `serde_json`. The library so links
//! one TOML parser and one serde data format instead of also toml's serde
//! deserializer, which alone was about 40 KB of the WASM module.

use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use toml::de::{DeTable, DeValue};

/// Reads TOML `text` into `T`. The error is toml's message for bad TOML, or
/// serde's (`unknown field …`, `missing field …`) for the wrong shape.
pub(crate) fn from_toml<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let root = DeTable::parse(text).map_err(|e| e.to_string())?;
    let value = to_json(&DeValue::Table(root.into_inner()))?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn to_json(v: &DeValue<'_>) -> Result<Value, String> {
    Ok(match v {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => Value::Number(
            super::scalars::int_of(v)
                .ok_or_else(|| format!("integer `{}` out of range", i.as_str()))?
                .into(),
        ),
        DeValue::Float(f) => {
            let x: f64 = f.as_str().replace('_', "").parse().unwrap_or(f64::NAN);
            Value::Number(
                Number::from_f64(x)
                    .ok_or_else(|| format!("float `{}` is not finite", f.as_str()))?,
            )
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(a) => Value::Array(
            a.iter()
                .map(|x| to_json(x.get_ref()))
                .collect::<Result<_, _>>()?,
        ),
        DeValue::Table(t) => Value::Object(
            t.iter()
                .map(|(k, x)| Ok((k.get_ref().to_string(), to_json(x.get_ref())?)))
                .collect::<Result<Map<_, _>, String>>()?,
        ),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::from_toml;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Shape {
        name: String,
        port: u16,
        ratio: f64,
        tags: Vec<String>,
        env: indexmap::IndexMap<String, String>,
    }

    #[test]
    fn tables_arrays_and_scalars_keep_their_order_and_types() {
        let s: Shape = from_toml(
            "name = \"web\"\nport = 8_080\nratio = 0.5\ntags = [\"a\", \"b\"]\n[env]\nZ = \"1\"\nA = \"2\"\n",
        )
        .unwrap();
        assert_eq!((s.name.as_str(), s.port, s.ratio), ("web", 8080, 0.5));
        assert_eq!(s.tags, ["a", "b"]);
        assert_eq!(s.env.keys().collect::<Vec<_>>(), ["Z", "A"]);
    }

    #[test]
    fn bad_toml_and_wrong_shapes_are_errors() {
        assert!(from_toml::<Shape>("name = ").is_err());
        let e = from_toml::<Shape>("name = \"x\"\nextra = 1\n").unwrap_err();
        assert!(e.contains("unknown field `extra`"), "{e}");
        assert!(
            from_toml::<Shape>("ratio = inf\n")
                .unwrap_err()
                .contains("not finite")
        );
    }
}
