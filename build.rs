// rust-i18n reads locales/ at compile time but does not tell cargo; without this an edited
// translation would not be rebuilt. Templates are tracked by askama itself.
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=migrations");
}
